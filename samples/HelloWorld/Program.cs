// Prints a greeting and exits with the code given as the first argument (default 0), so tests can check that
// the hook changes neither the app's output nor its exit code. With "--run-for <seconds>" it keeps working that
// long, allocating large buffers that are dropped again (so full GCs happen without any leak). With
// "--until-input-closes" it works the same way until its stdin reaches end of file: tests end it when what they wait
// for has happened, not after a guessed number of seconds (a loaded machine starts the agent late). With
// "--grow-static" each step also adds one element to a static list behind a static constructor (GrowingStatic.cs).
// With "--report-memory" it prints the managed heap at the end (tests/benchmarks/memory.sh compares it with and without
// the agent, which shares the app's GC heap).
var exitCode = 0;
var runFor = TimeSpan.Zero;
var reportMemory = false;
var growStatic = false;
Task? inputClosed = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--run-for" && i + 1 < args.Length)
    {
        runFor = TimeSpan.FromSeconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
    }
    else if (args[i] == "--until-input-closes")
    {
        inputClosed = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
                // Lines are ignored: only the end of the input means "stop".
            }
        });
    }
    else if (args[i] == "--grow-static")
    {
        growStatic = true;
    }
    else if (args[i] == "--report-memory")
    {
        reportMemory = true;
    }
    else if (int.TryParse(args[i], out var code))
    {
        exitCode = code;
    }
}

Console.WriteLine("Hello, World!");
var startedAt = DateTime.UtcNow;
var stopAt = startedAt + runFor;
var kept = new List<byte[]>();
while (inputClosed is null ? DateTime.UtcNow < stopAt : !inputClosed.IsCompleted)
{
    // Large-object allocations drive gen2 collections; the list is cleared so nothing accumulates.
    kept.Add(new byte[256 * 1024]);
    if (kept.Count > 64)
    {
        kept.Clear();
    }

    if (growStatic)
    {
        HelloWorld.GrowingStatic.Grow();
    }

    Thread.Sleep(5);
}

var ranFor = inputClosed is null ? runFor : DateTime.UtcNow - startedAt;
Console.WriteLine($"Goodbye after {ranFor.TotalSeconds:0}s ({GC.CollectionCount(2)} full GCs)");
if (reportMemory)
{
    // Our own buffers dropped, then a full compacting GC: what stays live is the runtime's, the app's few objects
    // and, with the hook, the agent's (its detectors, the OpenTelemetry SDK and exporter when an endpoint is set).
    kept.Clear();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
    Console.WriteLine(System.FormattableString.Invariant($"managed heap after full GC: {GC.GetTotalMemory(forceFullCollection: false)} bytes live, {info.TotalCommittedBytes} bytes committed"));
}

return exitCode;
