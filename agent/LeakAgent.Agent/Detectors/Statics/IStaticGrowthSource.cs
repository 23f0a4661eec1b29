namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// What the static-collection detector tells the rest of the agent (the leak report, the alert span): the fields
/// growing fastest right now. Find it with <c>host.Detectors.OfType&lt;IStaticGrowthSource&gt;()</c>.
/// </summary>
internal interface IStaticGrowthSource
{
    /// <summary>Up to <see cref="Configuration.StaticsDefaults.TopFields"/> fields with a positive growth rate,
    /// fastest first; empty before the second scan. A snapshot: safe to read from any thread.</summary>
    IReadOnlyList<StaticFieldGrowth> TopGrowing { get; }

    /// <summary>The latest scan's statistics, or null before the first scan.</summary>
    StaticScanResult? LastScan { get; }
}
