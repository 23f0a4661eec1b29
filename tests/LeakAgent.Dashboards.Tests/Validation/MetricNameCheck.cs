using LeakAgent.Dashboards.Tests.Naming;
using LeakAgent.Dashboards.Tests.PromQl;

namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>
/// Checks that every metric name used by a dashboard query, an alert or recording rule, or a rule test's input
/// series is one that exists in Prometheus:
/// a name the agent exported (mapped by <see cref="PrometheusNaming"/>), a documented runtime name (mapped
/// likewise, dashboards/metrics/runtime-metrics.tsv), or a recording rule's name.
/// </summary>
/// <remarks>
/// The agent's names are an input, so the same check runs on the contract list (<see cref="ContractMetrics"/>,
/// here, without processes) and on the names an OTLP test receiver saw in a real run
/// (tests/LeakAgent.IntegrationTests/Dashboards/DashboardMetricNamesTests.cs, which compiles this file in).
/// </remarks>
public sealed class MetricNameCheck
{
    private readonly IReadOnlyList<QueryUsage> _queries;
    private readonly IReadOnlyList<MetricDefinition> _runtime;
    private readonly IReadOnlySet<string> _recorded;

    /// <summary>A check over the given queries, runtime list and recording-rule names.</summary>
    public MetricNameCheck(IEnumerable<QueryUsage> queries, IEnumerable<MetricDefinition> runtimeMetrics, IEnumerable<string> recordedNames)
    {
        _queries = queries.ToList();
        _runtime = runtimeMetrics.ToList();
        _recorded = recordedNames.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The queries checked.</summary>
    public IReadOnlyList<QueryUsage> Queries => _queries;

    /// <summary>A check over every dashboard, rule file and rule test file in the repository.</summary>
    public static MetricNameCheck FromRepository()
    {
        var rules = RuleFile.LoadAll();
        var queries = DashboardFile.LoadAll().SelectMany(d => d.Queries())
            .Concat(rules.SelectMany(r => r.Queries()))
            .Concat(RuleTestFile.LoadAllQueries());
        return new MetricNameCheck(queries, RuntimeMetrics(), rules.SelectMany(r => r.RecordedNames));
    }

    /// <summary>The agent's metric contract (dashboards/metrics/agent-metrics.tsv) as (name, unit, kind).</summary>
    public static IReadOnlySet<(string Name, string Unit, string Kind)> ContractMetrics() =>
        MetricListFile.Read(RepoPaths.InDashboards("metrics/agent-metrics.tsv")).Select(m => (m.Name, m.Unit, m.Kind)).ToHashSet();

    /// <summary>The documented runtime metrics (dashboards/metrics/runtime-metrics.tsv).</summary>
    public static IReadOnlyList<MetricDefinition> RuntimeMetrics() =>
        MetricListFile.Read(RepoPaths.InDashboards("metrics/runtime-metrics.tsv"));

    /// <summary>
    /// Checks every query against <paramref name="exported"/> (the agent's metrics: OTLP name, unit and kind as
    /// <see cref="MetricKinds.Parse"/> reads it), the runtime list and the recording rules.
    /// </summary>
    public MetricNameCheckResult CheckAgainst(IReadOnlySet<(string name, string unit, string kind)> exported)
    {
        ArgumentNullException.ThrowIfNull(exported);
        var known = exported.Select(e => new MetricDefinition(e.name, e.unit, e.kind))
            .Concat(_runtime)
            .SelectMany(m => m.PrometheusNames)
            .Concat(_recorded)
            .ToHashSet(StringComparer.Ordinal);

        var used = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new List<(string Metric, string Location)>();
        foreach (var q in _queries)
        {
            foreach (var metric in PromQlMetricExtractor.Extract(q.Expression))
            {
                used.Add(metric);
                if (!known.Contains(metric))
                {
                    unknown.Add((metric, q.Location));
                }
            }
        }

        return new MetricNameCheckResult(used, unknown);
    }
}
