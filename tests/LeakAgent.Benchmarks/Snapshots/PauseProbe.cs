using System.Diagnostics;

namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// What the app feels: a managed thread that wakes every millisecond and records the longest gap between two
/// wake-ups. A blocking GC suspends it like every other app thread, so the gap is the app's pause (plus scheduling
/// noise of a few ms on a busy machine, the same for both things compared).
/// </summary>
internal sealed class PauseProbe : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _maxGapTicks;

    public PauseProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "pause probe", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public TimeSpan MaxGap => TimeSpan.FromSeconds((double)Interlocked.Read(ref _maxGapTicks) / Stopwatch.Frequency);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        var last = Stopwatch.GetTimestamp();
        while (!_stop)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            if (now - last > _maxGapTicks)
            {
                Interlocked.Exchange(ref _maxGapTicks, now - last);
            }

            last = now;
        }
    }
}
