using LeakAgent.Dashboards.Tests.Naming;

namespace LeakAgent.Dashboards.Tests.Validation;

public class MetricNameCheckTests
{
    [Fact]
    public void EveryMetricInEveryDashboardAndRule_IsExportedOrDocumented()
    {
        var check = MetricNameCheck.FromRepository();
        var result = check.CheckAgainst(MetricNameCheck.ContractMetrics());

        Assert.True(result.Passed, result.Describe());
        // The check saw the agent's names, the recording rule and both runtime name sets.
        Assert.Contains("leakagent_heap_growth_threshold_bytes_per_second", result.UsedMetrics);
        Assert.Contains("leakagent_gcdump_duration_seconds_bucket", result.UsedMetrics);
        Assert.Contains("leakagent:heap_growth_over_threshold:ratio", result.UsedMetrics);
        Assert.Contains("dotnet_gc_collections_total", result.UsedMetrics);
        Assert.Contains("process_runtime_dotnet_gc_collections_count_total", result.UsedMetrics);
        Assert.Contains(check.Queries, q => q.Location == "leakagent.rules.test.yml: test 1 input_series" && q.Expression.StartsWith("leakagent_heap_growth_fit_ratio{", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryContractMetric_IsUsedSomewhere()
    {
        var used = MetricNameCheck.FromRepository().CheckAgainst(MetricNameCheck.ContractMetrics()).UsedMetrics;
        var unused = MetricNameCheck.ContractMetrics()
            .Where(m => !new MetricDefinition(m.Name, m.Unit, m.Kind).PrometheusNames.Any(used.Contains))
            .Select(m => m.Name)
            .ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void DoctoredDashboardQuery_WithAnUnknownName_Fails()
    {
        var path = RepoPaths.InDashboards("grafana/dashboards/leakagent-leak-hunting.json");
        var doctored = File.ReadAllText(path).Replace("leakagent_heap_live_size_bytes{", "leakagent_heap_live_bytes{", StringComparison.Ordinal);
        var dashboard = DashboardFile.Parse("doctored.json", doctored);
        var check = new MetricNameCheck(dashboard.Queries(), MetricNameCheck.RuntimeMetrics(), []);

        var result = check.CheckAgainst(MetricNameCheck.ContractMetrics());

        Assert.False(result.Passed);
        Assert.Equal(["leakagent_heap_live_bytes"], result.Unknown.Select(u => u.Metric).Distinct());
        Assert.Contains(result.Unknown, u => u.Location == "doctored.json: panel 'Heap floor (live bytes after full GC)' A");
    }

    [Fact]
    public void RuleTestFeedingAnUnknownSeries_IsReported()
    {
        var path = Path.Combine(Path.GetTempPath(), "leakagent-doctored-" + Guid.NewGuid().ToString("N") + ".test.yml");
        var doctored = File.ReadAllText(RepoPaths.InDashboards("prometheus/tests/leakagent.rules.test.yml"))
            .Replace("'leakagent_heap_growth_fit_ratio{job=\"shop\",instance=\"a\"}'", "'leakagent_heap_fit_ratio{job=\"shop\",instance=\"a\"}'", StringComparison.Ordinal);
        File.WriteAllText(path, doctored);
        try
        {
            var check = new MetricNameCheck(RuleTestFile.Queries(path), MetricNameCheck.RuntimeMetrics(), []);

            var result = check.CheckAgainst(MetricNameCheck.ContractMetrics());

            Assert.Equal(["leakagent_heap_fit_ratio"], result.Unknown.Select(u => u.Metric).Distinct());
            Assert.EndsWith(".test.yml: test 1 input_series", Assert.Single(result.Unknown).Location, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MetricTheAgentDidNotExport_IsReported()
    {
        // As if an integration run's receiver never saw the threshold gauge.
        var exported = MetricNameCheck.ContractMetrics().Where(m => m.Name != "leakagent.heap.growth_threshold").ToHashSet();

        var result = MetricNameCheck.FromRepository().CheckAgainst(exported);

        Assert.Equal(["leakagent_heap_growth_threshold_bytes_per_second"], result.Unknown.Select(u => u.Metric).Distinct());
        Assert.Contains(result.Unknown, u => u.Location == "leakagent.rules.yml: record leakagent:heap_growth_over_threshold:ratio");
    }

    [Fact]
    public void ExportedWithAnotherUnit_ChangesThePrometheusName_AndIsReported()
    {
        // A counter the agent exported with unit "s" would be leakagent_tasks_unobserved_exceptions_seconds_total.
        var exported = MetricNameCheck.ContractMetrics()
            .Select(m => m.Name == "leakagent.tasks.unobserved_exceptions" ? (m.Name, "s", m.Kind) : m)
            .ToHashSet();

        var result = MetricNameCheck.FromRepository().CheckAgainst(exported);

        Assert.Equal(["leakagent_tasks_unobserved_exceptions_total"], result.Unknown.Select(u => u.Metric).Distinct());
    }

    [Fact]
    public void ContractList_MatchesDesignDoc()
    {
        // dashboards/metrics/agent-metrics.tsv mirrors DESIGN.md plus the threshold gauge and the services detector's
        // three gauges (docs/metrics.md) the agent adds, the heap's time to the memory limit and the gcdump uploads.
        Assert.Equal(17, MetricNameCheck.ContractMetrics().Count);
        Assert.Contains(("leakagent.heap.growth_threshold", "By/s", "gauge"), MetricNameCheck.ContractMetrics());
        Assert.Contains(("leakagent.services.size", "{element}", "gauge"), MetricNameCheck.ContractMetrics());
        Assert.Contains(("leakagent.services.growth_rate", "{element}/s", "gauge"), MetricNameCheck.ContractMetrics());
        Assert.Contains(("leakagent.services.cache_size", "{size}", "gauge"), MetricNameCheck.ContractMetrics());
        Assert.Contains(("leakagent.heap.time_to_limit", "s", "gauge"), MetricNameCheck.ContractMetrics());
        Assert.Contains(("leakagent.gcdump.upload", "{upload}", "counter"), MetricNameCheck.ContractMetrics());
    }
}
