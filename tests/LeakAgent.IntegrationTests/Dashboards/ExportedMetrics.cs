using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Dashboards;

/// <summary>
/// What an OTLP receiver saw, in the shape the dashboards' <c>MetricNameCheck.CheckAgainst</c> takes: one
/// (name, unit, kind) per distinct metric. The kind is the OTLP data kind as <see cref="OtlpDecoder"/> names it
/// (a monotonic sum is <c>counter</c>, which is what earns the Prometheus <c>_total</c> suffix).
/// </summary>
internal static class ExportedMetrics
{
    /// <summary>The kind <see cref="OtlpDecoder"/> gives data it does not decode (exponential histograms, summaries).</summary>
    public const string UndecodedKind = "unknown";

    /// <summary>Every distinct metric received, optionally of one instrumentation scope (meter) only.</summary>
    public static IReadOnlySet<(string Name, string Unit, string Kind)> From(IEnumerable<ReceivedMetric> metrics, string? scope = null) =>
        metrics
            .Where(m => scope is null || m.Scope == scope)
            .Select(m => (m.Name, m.Unit, m.Kind))
            .ToHashSet();

    /// <summary>The metrics whose Prometheus names can be derived: all but undecoded kinds.</summary>
    public static IReadOnlySet<(string Name, string Unit, string Kind)> Nameable(IReadOnlySet<(string Name, string Unit, string Kind)> metrics) =>
        metrics.Where(m => m.Kind != UndecodedKind).ToHashSet();
}
