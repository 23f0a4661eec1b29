using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// The providers of a target's watch session: the runtime's GC events (the heap floor) and the
/// <c>System.Diagnostics.Metrics</c> event source configured the way dotnet-counters configures it.
/// </summary>
internal static class MetricsSessionProviders
{
    /// <summary>The meters read: the runtime's, and the in-process agent's when the hook is loaded too.</summary>
    public const string Meters = "System.Runtime;LeakAgent";

    // MetricsEventSource keywords: Messages (errors, e.g. another tool already has the single session) and
    // TimeSeriesValues (the published values).
    private const long MetricsKeywords = 0x1 | 0x2;

    public static IReadOnlyList<EventPipeProvider> Create(TimeSpan refreshInterval)
    {
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = Guid.NewGuid().ToString(),
            ["Metrics"] = Meters,
            ["RefreshInterval"] = Math.Max(1, refreshInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "10",
        };
        return
        [
            // Informational GC events are a handful per GC (start, end, heap stats): nothing like the heap walk.
            new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
            new EventPipeProvider(MeterValue.ProviderName, EventLevel.Informational, MetricsKeywords, arguments),
        ];
    }
}
