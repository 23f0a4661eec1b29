using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Telemetry;

/// <summary>
/// The agent's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>LeakAgent</c>. Detectors create
/// their instruments on <see cref="Meter"/>; the OpenTelemetry pipeline exports both by name.
/// </summary>
internal sealed class AgentTelemetry : IDisposable
{
    /// <summary>The meter and activity source name: part of the contract with dashboards and alert rules.</summary>
    public const string SourceName = MetricNames.MeterName;

    public AgentTelemetry()
    {
        var version = typeof(AgentTelemetry).Assembly.GetName().Version?.ToString(3);
        Meter = new Meter(SourceName, version);
        ActivitySource = new ActivitySource(SourceName, version);
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; }

    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }
}
