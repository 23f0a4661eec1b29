namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>
/// Lets at most a few log lines of one kind through per interval and counts the rest, so that a caller hammering
/// the webhook (a wrong token in a retry loop, a scanner) cannot flood the log: the next line that gets through
/// says how many were left out. Thread-safe: requests are handled concurrently.
/// </summary>
internal sealed class LogThrottle
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly int _linesPerInterval;
    private readonly TimeSpan _interval;
    private DateTimeOffset _intervalStart = DateTimeOffset.MinValue;
    private int _linesInInterval;
    private long _suppressed;

    /// <param name="time">The clock (tests drive a fake one).</param>
    /// <param name="linesPerInterval">Lines let through per interval.</param>
    /// <param name="interval">The interval.</param>
    public LogThrottle(TimeProvider time, int linesPerInterval, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerInterval, 1);
        _time = time;
        _linesPerInterval = linesPerInterval;
        _interval = interval;
    }

    /// <summary>
    /// True when a line may be logged now; <paramref name="suppressedBefore"/> is how many were left out since the
    /// last line that got through (to be said in that line).
    /// </summary>
    public bool TryAcquire(out long suppressedBefore)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _intervalStart >= _interval)
            {
                _intervalStart = now;
                _linesInInterval = 0;
            }

            if (_linesInInterval >= _linesPerInterval)
            {
                _suppressed++;
                suppressedBefore = 0;
                return false;
            }

            _linesInInterval++;
            suppressedBefore = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
