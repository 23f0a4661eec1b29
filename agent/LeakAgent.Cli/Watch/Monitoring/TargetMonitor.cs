using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Heap;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// Everything the watch knows about one target: the heap-slope tracker fed from its GC events, the latest meter
/// values, and its dumps (policy, baseline). Written by the session's event thread, read by the evaluation tick,
/// the dump queue and the metric callbacks: all through one lock.
/// </summary>
internal sealed class TargetMonitor
{
    private readonly object _gate = new();
    private readonly HeapTrendTracker _tracker;
    private readonly FullGcFloor _floor = new();
    private readonly Dictionary<string, double> _meterValues = new(StringComparer.Ordinal);
    private readonly List<HeapFloorSample> _pending = [];

    private DateTimeOffset _lastFullGcOrInduced;
    private int _inducing;
    private DateTimeOffset? _lastStatus;

    public TargetMonitor(TargetProcess process, HeapOptions heap, DumpRecorder dumps, DateTimeOffset start)
    {
        Process = process;
        Dumps = dumps;
        Window = heap.Window;
        _tracker = new HeapTrendTracker(heap, start);
        _lastFullGcOrInduced = start;
    }

    /// <summary>True when a status line for this target is due (<paramref name="interval"/> since the last, or the first).</summary>
    public bool StatusDue(DateTimeOffset now, TimeSpan interval)
    {
        if (_lastStatus is { } last && now - last < interval)
        {
            return false;
        }

        _lastStatus = now;
        return true;
    }

    /// <summary>The heap detector's configured window (the leak report's <c>windowSeconds</c>).</summary>
    public TimeSpan Window { get; }

    /// <summary>True once per target when the first full GC is induced (for its one log line).</summary>
    public bool FirstInducedGc { get; private set; } = true;

    /// <summary>
    /// Claims the right to induce a full GC now if none, natural or induced, happened for <paramref name="interval"/>
    /// and none is being induced; <see cref="EndInducedGc"/> gives it back.
    /// </summary>
    public bool TryBeginInducedGc(DateTimeOffset now, TimeSpan interval)
    {
        lock (_gate)
        {
            if (now - _lastFullGcOrInduced < interval || Interlocked.CompareExchange(ref _inducing, 1, 0) != 0)
            {
                return false;
            }

            _lastFullGcOrInduced = now;
            return true;
        }
    }

    /// <summary>The induced GC is done (or failed): the next may come after the interval.</summary>
    public void EndInducedGc()
    {
        FirstInducedGc = false;
        Volatile.Write(ref _inducing, 0);
    }

    public TargetProcess Process { get; }

    /// <summary>This target's dumps; only the dump queue uses it (one attempt at a time).</summary>
    public DumpRecorder Dumps { get; }

    /// <summary>When the last dump attempt for the heap trend started (for the repeat after a cooldown).</summary>
    public DateTimeOffset? LastTrendAttempt { get; set; }

    /// <summary>True once the target's own <c>LeakAgent</c> meter was seen (the hook is loaded there too).</summary>
    public bool HookSeen { get; private set; }

    /// <summary>The latest heap-trend state.</summary>
    public HeapTrendState State
    {
        get
        {
            lock (_gate)
            {
                return _tracker.State;
            }
        }
    }

    /// <summary>The heap size after the latest GC of any kind, 0 before the first.</summary>
    public long HeapBytes
    {
        get
        {
            lock (_gate)
            {
                return _floor.LatestHeapBytes;
            }
        }
    }

    public void OnGcStart(long count, int depth, bool background)
    {
        lock (_gate)
        {
            _floor.OnGcStart(count, depth, background);
        }
    }

    public void OnGcEnd(int threadId, long count, int depth)
    {
        lock (_gate)
        {
            _floor.OnGcEnd(threadId, count, depth);
        }
    }

    public void OnHeapStats(DateTimeOffset now, int threadId, GcHeapStats stats)
    {
        lock (_gate)
        {
            if (_floor.OnHeapStats(now, threadId, stats) is { } sample)
            {
                _pending.Add(sample);
                _lastFullGcOrInduced = now;
            }
        }
    }

    /// <summary>Records a meter value; returns true the first time the target's own LeakAgent meter shows up.</summary>
    public bool OnMeterValue(MeterValue value)
    {
        lock (_gate)
        {
            _meterValues[value.Instrument] = value.Value;
            var first = !HookSeen && value.Meter == "LeakAgent";
            HookSeen |= first;
            return first;
        }
    }

    /// <summary>The latest value of an instrument the target published, if any.</summary>
    public double? MeterValueOf(string instrument)
    {
        lock (_gate)
        {
            return _meterValues.TryGetValue(instrument, out var value) ? value : null;
        }
    }

    /// <summary>Adds the full-GC samples that arrived since the last call, if any, and re-evaluates.</summary>
    public (HeapTrendState Previous, HeapTrendState Next) Evaluate(DateTimeOffset now)
    {
        lock (_gate)
        {
            var previous = _tracker.State;
            foreach (var sample in _pending)
            {
                _tracker.Update(now, sample);
            }

            _pending.Clear();
            return (previous, _tracker.Update(now, null).Next);
        }
    }
}
