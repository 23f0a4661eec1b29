using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Configuration.Parsing;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;

namespace LeakAgent.Agent.Detectors.Heap;

/// <summary>
/// Follows the managed heap's floor after full GCs and emits <c>leakagent.heap.live_size</c>.
/// </summary>
internal sealed class HeapTrendDetector : ILeakDetector
{
    private readonly HeapOptions _options;
    private readonly TimeProvider _time;
    private readonly HeapFloorSampler _sampler;
    private readonly object _gate = new();
    private ITimer? _timer;
    private HeapFloorSample? _latest;

    public HeapTrendDetector(HeapOptions options, AgentTelemetry telemetry, TimeProvider time, HeapFloorSampler sampler)
    {
        _options = options;
        _time = time;
        _sampler = sampler;
        telemetry.Meter.CreateObservableGauge(
            MetricNames.HeapLiveSize,
            () => Guard.Get(MetricNames.HeapLiveSize, ObserveLiveSize, []),
            unit: "By",
            description: "Managed heap bytes live after the latest full GC.");
    }

    public string Name => DetectorNames.HeapTrend;

    /// <summary>The latest post-full-GC sample, if any full GC has run.</summary>
    public HeapFloorSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public void Start()
    {
        Poll();
        _timer = _time.CreateTimer(_ => Guard.Run("heap poll", Poll), null, _options.PollInterval, _options.PollInterval);
    }

    /// <summary>Reads a new full-GC sample if there is one (the timer calls this; tests call it directly).</summary>
    public void Poll()
    {
        if (_sampler.TryReadNew(_time.GetUtcNow(), out var sample))
        {
            lock (_gate)
            {
                _latest = sample;
            }
        }
    }

    public void Describe(ICollection<string> clauses)
    {
        var latest = Latest;
        clauses.Add(latest is null ? "heap: no full GC yet" : $"heap {SizeParser.Format(latest.Value.LiveBytes)} live");
    }

    public void Dispose() => _timer?.Dispose();

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> ObserveLiveSize()
    {
        var latest = Latest;
        return latest is null ? [] : [new(latest.Value.LiveBytes)];
    }
}
