using System.Diagnostics.Metrics;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Detection.Dumps;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The size and growth-rate gauges of a detector that tracks growing collections by field path (the static scan's
/// <c>leakagent.statics.*</c>, the service scan's <c>leakagent.services.*</c>): same units, same guarded
/// callbacks, one series per growing path.
/// </summary>
internal static class GrowthGauges
{
    /// <summary>Creates both gauges on <paramref name="meter"/>, reading <paramref name="top"/> at each collection.</summary>
    /// <param name="meter">The agent's meter.</param>
    /// <param name="sizeName">The size instrument's name.</param>
    /// <param name="rateName">The growth-rate instrument's name.</param>
    /// <param name="what">What grows, for the descriptions, e.g. "static collection".</param>
    /// <param name="top">The growing paths now.</param>
    /// <param name="attributes">The attributes of one path's series.</param>
    public static void Create(Meter meter, string sizeName, string rateName, string what, Func<IReadOnlyList<StaticFieldGrowth>> top, Func<StaticFieldGrowth, KeyValuePair<string, object?>[]> attributes)
    {
        meter.CreateObservableGauge(
            sizeName,
            () => Guard.Get(sizeName, () => top().Select(f => new Measurement<long>(f.Count, attributes(f))).ToList(), []),
            unit: "{element}",
            description: $"Elements in a growing {what} (the fastest-growing few, by field path).");
        meter.CreateObservableGauge(
            rateName,
            () => Guard.Get(rateName, () => top().Select(f => new Measurement<double>(f.ElementsPerSecond, attributes(f))).ToList(), []),
            unit: "{element}/s",
            description: $"Robust growth rate (Theil-Sen over the recent scans) of a growing {what}.");
    }

    /// <summary>The first <paramref name="count"/> paths as the leak report names them.</summary>
    public static IReadOnlyList<GrowingField> ToGrowingFields(IReadOnlyList<StaticFieldGrowth> top, int count) =>
        top.Take(count).Select(g => new GrowingField(g.Path, g.Count, g.ElementsPerSecond)).ToList();
}
