namespace LeakAgent.Dashboards.Tests.Naming;

/// <summary>An OpenTelemetry metric as exported: name, unit and kind (see <see cref="MetricKinds.Parse"/>).</summary>
public sealed record MetricDefinition(string Name, string Unit, string Kind)
{
    /// <summary>The Prometheus series names this metric appears under.</summary>
    public IReadOnlyList<string> PrometheusNames => PrometheusNaming.SeriesNames(Name, Unit, MetricKinds.Parse(Kind));
}
