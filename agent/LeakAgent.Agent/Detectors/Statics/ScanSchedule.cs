using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// When a scanning detector (the static scan, the service scan) runs: a timer whose first tick comes after
/// <c>min(interval, 10 s)</c> so that short runs still get two samples, a guarded callback, and one scan at a time
/// (a tick that finds the previous scan still running is skipped, never queued).
/// </summary>
internal sealed class ScanSchedule : IDisposable
{
    private ITimer? _timer;
    private int _running;

    /// <summary>Starts the timer.</summary>
    /// <param name="time">The clock (tests drive a fake one).</param>
    /// <param name="interval">Between scans.</param>
    /// <param name="site">The guard's name for the callback, in the self-log.</param>
    /// <param name="scan">One scan.</param>
    public void Start(TimeProvider time, TimeSpan interval, string site, Action scan)
    {
        var first = interval < StaticsDefaults.FirstScanDelay ? interval : StaticsDefaults.FirstScanDelay;
        _timer = time.CreateTimer(_ => Guard.Run(site, () => RunOnce(scan)), null, first, interval);
    }

    /// <summary>Runs <paramref name="scan"/> unless one is running already.</summary>
    public void RunOnce(Action scan)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            scan();
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
