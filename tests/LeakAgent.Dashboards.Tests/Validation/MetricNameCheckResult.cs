namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>What <see cref="MetricNameCheck.CheckAgainst"/> found.</summary>
/// <param name="UsedMetrics">Every metric name some query reads.</param>
/// <param name="Unknown">Each use of a name that is neither exported, documented nor recorded, with its place.</param>
public sealed record MetricNameCheckResult(IReadOnlySet<string> UsedMetrics, IReadOnlyList<(string Metric, string Location)> Unknown)
{
    /// <summary>True when every name used is known.</summary>
    public bool Passed => Unknown.Count == 0;

    /// <summary>One line per unknown use, for an assertion message.</summary>
    public string Describe() => string.Join(Environment.NewLine, Unknown.Select(u => $"unknown metric {u.Metric} in {u.Location}"));
}
