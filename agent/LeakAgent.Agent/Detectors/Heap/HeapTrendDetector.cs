using System.Diagnostics.Metrics;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Heap;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.Heap;

/// <summary>
/// Follows the managed heap's floor after full GCs, fits a robust slope over the window and suspects a leak when
/// the floor rises steadily. Emits <c>leakagent.heap.live_size</c>, <c>.growth_rate</c>, <c>.growth_fit</c>,
/// <c>.leak_suspected</c> and <c>.growth_threshold</c>; publishes <see cref="State"/> and <see cref="LeakSuspected"/>
/// for the gcdump trigger. Never forces a GC: an app without full GCs gets no verdict, and the summary says so.
/// </summary>
internal sealed class HeapTrendDetector : ILeakDetector
{
    private readonly HeapOptions _options;
    private readonly TimeProvider _time;
    private readonly HeapFloorSampler _sampler;
    private readonly HeapTrendTracker _tracker;
    private readonly Func<long?> _heapCeiling;
    private readonly object _gate = new();
    private HeapTrendState _state;
    private ITimer? _timer;

    /// <param name="options">Window, threshold, fit.</param>
    /// <param name="telemetry">Where the instruments go.</param>
    /// <param name="time">The clock.</param>
    /// <param name="sampler">Reads the post-full-GC floor.</param>
    /// <param name="heapCeiling">The heap size at which the app dies (the binding memory limit), read at every poll; null when unknown.</param>
    public HeapTrendDetector(HeapOptions options, AgentTelemetry telemetry, TimeProvider time, HeapFloorSampler sampler, Func<long?>? heapCeiling = null)
    {
        _options = options;
        _time = time;
        _sampler = sampler;
        _heapCeiling = heapCeiling ?? (() => null);
        _tracker = new HeapTrendTracker(options, time.GetUtcNow());
        _state = _tracker.State;
        var meter = telemetry.Meter;
        meter.CreateObservableGauge(MetricNames.HeapLiveSize, () => Observe<long>(MetricNames.HeapLiveSize, s => s.LiveBytes), "By", "Managed heap bytes live after the latest full GC.");
        // Rate and fit only while they describe the present: from too few or too old full GCs (an app that ran none
        // since start-up) they would plot a breach the detector never called.
        meter.CreateObservableGauge(MetricNames.HeapGrowthRate, () => Observe<double>(MetricNames.HeapGrowthRate, s => s.IsCurrent ? s.SlopeBytesPerSecond : null), "By/s", "Robust (Theil-Sen) slope of the post-full-GC heap floor over the window; absent until there is a verdict.");
        meter.CreateObservableGauge(MetricNames.HeapGrowthFit, () => Observe<double>(MetricNames.HeapGrowthFit, s => s.IsCurrent ? s.Fit : null), "1", "0..1: the fraction of the floor's variance over the window that a steady rise explains; absent until there is a verdict.");
        meter.CreateObservableGauge(MetricNames.HeapLeakSuspected, () => Guard.Get(MetricNames.HeapLeakSuspected, ObserveSuspected, []), "1", "1 while the heap-trend detector suspects a leak, else 0; leakagent.heap.evidence says why there is a verdict or not.");
        meter.CreateObservableGauge(MetricNames.HeapTimeToLimit, () => Observe<double>(MetricNames.HeapTimeToLimit, s => s.TimeToLimit?.TotalSeconds), "s", "At the floor's current slope, seconds until the heap reaches the binding memory limit (GC heap limit or cgroup); absent without a limit or a rise.");
        meter.CreateObservableGauge(MetricNames.HeapGrowthThreshold, () => new Measurement<double>(options.GrowthThresholdBytesPerSecond), "By/s", "The configured growth threshold (LEAKAGENT_HEAP_GROWTH_THRESHOLD), for dashboards.");
    }

    /// <summary>Raised once each time suspicion turns on, with the state that turned it on. Handlers run on the
    /// poll thread inside a guard: keep them short (the gcdump trigger queues its work).</summary>
    public event EventHandler<HeapTrendState>? LeakSuspected;

    public string Name => DetectorNames.HeapTrend;

    /// <summary>The latest state: an immutable snapshot, safe to read from any thread.</summary>
    public HeapTrendState State => Volatile.Read(ref _state);

    /// <summary>The latest post-full-GC sample, if any full GC has run.</summary>
    public HeapFloorSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _tracker.Latest;
            }
        }
    }

    public void Start()
    {
        Poll();
        _timer = _time.CreateTimer(_ => Guard.Run("heap poll", Poll), null, _options.PollInterval, _options.PollInterval);
    }

    /// <summary>Reads a new full-GC sample if there is one and re-evaluates (the timer calls this; tests call it directly).</summary>
    public void Poll()
    {
        HeapTrendState previous;
        HeapTrendState next;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            (previous, next) = _tracker.Update(now, _sampler.TryReadNew(now, out var sample) ? sample : null, Guard.Get("heap ceiling", _heapCeiling, null));
            Volatile.Write(ref _state, next);
        }

        if (next.Suspected && !previous.Suspected)
        {
            // The summary's own verdict word would repeat what the line starts with.
            SelfLog.Write("leak suspected: " + HeapTrendText.Describe(next with { Suspected = false }, _options));
            var handlers = LeakSuspected;
            if (handlers is not null)
            {
                Guard.Run("heap leak-suspected handlers", () => handlers(this, next));
            }
        }
        else if (!next.Suspected && previous.Suspected)
        {
            SelfLog.Write("leak suspicion cleared: " + HeapTrendText.Describe(next, _options));
        }
    }

    /// <summary>Leaves the full GCs from now until the returned scope ends out of the trend (the agent's own
    /// snapshot: see <see cref="HeapFloorSampler.Pause"/>).</summary>
    public IDisposable ExcludeFullGcs()
    {
        lock (_gate)
        {
            _sampler.Pause();
        }

        return new ResumeOnDispose(this);
    }

    public void Describe(ICollection<string> clauses) => clauses.Add(HeapTrendText.Describe(State, _options));

    public void Dispose() => _timer?.Dispose();

    private void ResumeSampling()
    {
        lock (_gate)
        {
            _sampler.Resume();
        }
    }

    private Measurement<long>[] ObserveSuspected()
    {
        var state = State;
        return [new Measurement<long>(state.Suspected ? 1L : 0L, new KeyValuePair<string, object?>(MetricNames.EvidenceAttribute, HeapEvidenceNames.Of(state)))];
    }

    private Measurement<T>[] Observe<T>(string site, Func<HeapTrendState, T?> read)
        where T : struct
    {
        return Guard.Get(site, () => read(State) is { } value ? new[] { new Measurement<T>(value) } : [], []);
    }

    private sealed class ResumeOnDispose(HeapTrendDetector detector) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                detector.ResumeSampling();
            }
        }
    }
}
