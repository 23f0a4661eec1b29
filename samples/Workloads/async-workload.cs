#:property PublishAot=false
// Async-heavy micro workload for docs/benchmarks.md: 4 loops each awaiting a chain of async methods that yield
// (every call allocates a state machine box: the worst case for TplEventSource tracing).
//   dotnet run samples/Workloads/async-workload.cs -- --seconds 20           plain throughput (run with and without the hook)
//   dotnet run samples/Workloads/async-workload.cs -- --compare-window 10    alternates 1 s slices with a TplEventSource
//                                                                            listener (keyword 0x8, as the agent's) off / on
using System.Diagnostics;
using System.Diagnostics.Tracing;

var seconds = 20;
var compare = 0;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--seconds") seconds = int.Parse(args[i + 1]);
    if (args[i] == "--compare-window") compare = int.Parse(args[i + 1]);
}

long ops = 0;
var stop = false;
var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
{
    while (!Volatile.Read(ref stop))
    {
        await Outer();
        Interlocked.Increment(ref ops);
    }
})).ToArray();

if (compare > 0)
{
    using var listener = new TplListener();
    double off = 0, on = 0;
    for (var round = 0; round < compare; round++)
    {
        off += Slice(false);
        on += Slice(true);
    }

    Console.WriteLine($"window closed: {off / compare:N0} ops/s; window open: {on / compare:N0} ops/s; open/closed = {on / off:0.000}; events seen {listener.Events:N0}");

    double Slice(bool open)
    {
        if (open) listener.Open(); else listener.Close();
        Thread.Sleep(200); // settle
        var start = Interlocked.Read(ref ops);
        var watch = Stopwatch.StartNew();
        Thread.Sleep(1000);
        var rate = (Interlocked.Read(ref ops) - start) / watch.Elapsed.TotalSeconds;
        listener.Close();
        return rate;
    }
}
else
{
    Thread.Sleep(TimeSpan.FromSeconds(seconds));
}

Volatile.Write(ref stop, true);
await Task.WhenAll(loops);
if (compare > 0)
{
    return;
}

var info = GC.GetGCMemoryInfo();
Console.WriteLine($"ops {ops:N0} in {seconds}s = {ops / (double)seconds:N0} ops/s; managed heap {info.HeapSizeBytes / 1048576.0:0.0} MB, total allocated {GC.GetTotalAllocatedBytes() / 1048576.0:N0} MB");

static async Task<int> Outer() => await Middle() + 1;
static async Task<int> Middle() { await Task.Yield(); return await Inner() + 1; }
static async Task<int> Inner() { await Task.Yield(); return 1; }

sealed class TplListener : EventListener
{
    private EventSource? _source;
    public long Events;
    protected override void OnEventSourceCreated(EventSource s) { if (s.Name == "System.Threading.Tasks.TplEventSource") _source = s; }
    public void Open() => EnableEvents(_source!, EventLevel.Informational, (EventKeywords)0x8);
    public void Close() { if (_source is not null) DisableEvents(_source); }
    protected override void OnEventWritten(EventWrittenEventArgs e) => Interlocked.Increment(ref Events);
}
