namespace LeakAgent.Dashboards.Tests.Naming;

/// <summary>The OpenTelemetry data point kinds that name a Prometheus series differently.</summary>
public enum MetricKind
{
    /// <summary>A monotonic cumulative sum (Counter, ObservableCounter): gets <c>_total</c>.</summary>
    Counter,

    /// <summary>A non-monotonic sum (UpDownCounter): a Prometheus gauge, no <c>_total</c>, no <c>_ratio</c>.</summary>
    UpDownCounter,

    /// <summary>A gauge (ObservableGauge, Gauge): gets <c>_ratio</c> when its unit is <c>1</c>.</summary>
    Gauge,

    /// <summary>An explicit-bucket histogram: <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</summary>
    Histogram,

    /// <summary>An exponential histogram: one Prometheus native histogram under the base name.</summary>
    ExponentialHistogram,
}
