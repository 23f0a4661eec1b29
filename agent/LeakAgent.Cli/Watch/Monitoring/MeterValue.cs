using System.Globalization;
using Microsoft.Diagnostics.Tracing;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// One value the target's <c>System.Diagnostics.Metrics</c> event source published (what dotnet-counters shows):
/// <c>GaugeValuePublished</c> carries <c>lastValue</c>, the counter events <c>rate</c> and <c>value</c>.
/// </summary>
/// <param name="Meter">The meter, e.g. <c>System.Runtime</c> or <c>LeakAgent</c>.</param>
/// <param name="Instrument">The instrument, e.g. <c>dotnet.process.memory.working_set</c>.</param>
/// <param name="Tags">The series' tags as the source formats them (<c>k=v,k2=v2</c>).</param>
/// <param name="Value">The gauge's last value, or the counter's rate over the refresh interval.</param>
internal sealed record MeterValue(string Meter, string Instrument, string Tags, double Value)
{
    public const string ProviderName = "System.Diagnostics.Metrics";

    /// <summary>The value in a metrics event, or null for other events (collection start/stop, errors).</summary>
    public static MeterValue? From(TraceEvent data) => data.EventName switch
    {
        "GaugeValuePublished" => Read(data, "lastValue"),
        "CounterRateValuePublished" or "UpDownCounterRateValuePublished" => Read(data, "rate"),
        _ => null,
    };

    private static MeterValue? Read(TraceEvent data, string field)
    {
        var text = data.PayloadByName(field) as string;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // An observable instrument with no measurement this interval publishes an empty value.
            return null;
        }

        return new MeterValue(
            data.PayloadByName("meterName") as string ?? string.Empty,
            data.PayloadByName("instrumentName") as string ?? string.Empty,
            data.PayloadByName("tags") as string ?? string.Empty,
            value);
    }
}
