using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeakAgent.Cli.Watch.Monitoring;
using LeakAgent.Detection.Heap;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Cli.Watch.Telemetry;

/// <summary>
/// The watch's instruments on meter <c>LeakAgent</c>, named as the agent's (docs/metrics.md), one series per
/// target, told apart by <c>process.pid</c> and <c>leakagent.target.service</c>.
/// </summary>
internal sealed class WatchTelemetry : IDisposable
{
    public const string ProcessIdAttribute = "process.pid";
    public const string TargetServiceAttribute = "leakagent.target.service";

    private readonly Meter _meter = new(MetricNames.MeterName);
    private readonly Func<IReadOnlyCollection<TargetMonitor>> _targets;
    private readonly Counter<long> _dumpCount;
    private readonly Histogram<double> _dumpDuration;
    private readonly Counter<long> _uploadCount;

    public WatchTelemetry(Func<IReadOnlyCollection<TargetMonitor>> targets, double thresholdBytesPerSecond)
    {
        _targets = targets;
        _meter.CreateObservableGauge(MetricNames.HeapLiveSize, () => ObserveLong(s => s.LiveBytes), "By", "Managed heap bytes live after the target's latest full GC.");
        _meter.CreateObservableGauge(MetricNames.HeapGrowthRate, () => Observe(s => s.LiveBytes is null ? null : s.SlopeBytesPerSecond), "By/s", "Robust (Theil-Sen) slope of the target's post-full-GC heap floor over the window.");
        _meter.CreateObservableGauge(MetricNames.HeapGrowthFit, () => Observe(s => s.LiveBytes is null ? null : s.Fit), "1", "0..1: the fraction of the floor's variance over the window that a steady rise explains.");
        _meter.CreateObservableGauge(MetricNames.HeapLeakSuspected, () => ObserveLong(s => s.Suspected ? 1 : 0), "1", "1 while the watch suspects a leak in the target, else 0.");
        _meter.CreateObservableGauge(MetricNames.HeapGrowthThreshold, () => new Measurement<double>(thresholdBytesPerSecond), "By/s", "The configured growth threshold (LEAKAGENT_HEAP_GROWTH_THRESHOLD), for dashboards.");
        _dumpCount = _meter.CreateCounter<long>(MetricNames.GcDumpCount, "{dump}", "gcdump attempts by target, trigger and outcome.");
        _dumpDuration = _meter.CreateHistogram<double>(MetricNames.GcDumpDuration, "s", "Wall time of a heap snapshot and writing its dump.");
        _uploadCount = _meter.CreateCounter<long>(MetricNames.GcDumpUpload, "{upload}", "Uploads of complete dumps to object storage, by target and outcome.");
    }

    /// <summary>Counts one upload of a target's dump.</summary>
    public void RecordUpload(TargetMonitor target, string outcome)
    {
        var tags = Tags(target);
        tags.Add(MetricNames.OutcomeAttribute, outcome);
        _uploadCount.Add(1, tags);
    }

    /// <summary>Counts one dump attempt (and its duration when a snapshot ran).</summary>
    public void RecordDump(TargetMonitor target, string trigger, string outcome, TimeSpan elapsed)
    {
        var tags = Tags(target);
        tags.Add(MetricNames.TriggerAttribute, trigger);
        tags.Add(MetricNames.OutcomeAttribute, outcome);
        _dumpCount.Add(1, tags);
        if (elapsed > TimeSpan.Zero)
        {
            _dumpDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static TagList Tags(TargetMonitor target) => new()
    {
        { ProcessIdAttribute, (long)target.Process.ProcessId },
        { TargetServiceAttribute, target.Process.ServiceName },
    };

    private IEnumerable<Measurement<double>> Observe(Func<HeapTrendState, double?> read) => Observe<double>(read);

    // Live size and the suspected flag are integers, as the agent exports them, so one OTLP series type per name.
    private IEnumerable<Measurement<long>> ObserveLong(Func<HeapTrendState, long?> read) => Observe<long>(read);

    private IEnumerable<Measurement<T>> Observe<T>(Func<HeapTrendState, T?> read)
        where T : struct
    {
        foreach (var target in _targets())
        {
            if (read(target.State) is { } value)
            {
                yield return new Measurement<T>(value, Tags(target));
            }
        }
    }
}
