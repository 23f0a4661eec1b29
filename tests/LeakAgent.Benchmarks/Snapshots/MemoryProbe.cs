namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// The peak of the managed heap (<see cref="GC.GetTotalMemory(bool)"/> without a collection: garbage included) and of
/// the process's resident set (/proc/self/statm), sampled every 2 ms on a thread of its own.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peakManaged;
    private long _peakResident;

    public MemoryProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "memory probe" };
        _thread.Start();
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public long PeakResidentBytes => Interlocked.Read(ref _peakResident);

    /// <summary>Resident set size now, from /proc/self/statm (0 where there is none).</summary>
    public static long ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            _peakResident = Math.Max(_peakResident, ResidentBytes());
            Thread.Sleep(2);
        }
    }
}
