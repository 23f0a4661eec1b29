namespace LeakAgent.Dashboards.Tests.PromQl;

public class PromQlMetricExtractorTests
{
    private static void AssertNames(string expr, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), PromQlMetricExtractor.Extract(expr).Order(StringComparer.Ordinal));

    [Fact]
    public void PlainSelector_WithGrafanaVariablesInMatchers() =>
        AssertNames("leakagent_heap_live_size_bytes{job=~\"$job\",instance=~\"${instance:regex}\"}", "leakagent_heap_live_size_bytes");

    [Fact]
    public void FunctionsRangesAndAggregations_AreNotMetrics() =>
        AssertNames(
            "sum by (job, instance, exception_type) (rate(leakagent_tasks_unobserved_exceptions_total{job=~\"$job\"}[$__rate_interval]))",
            "leakagent_tasks_unobserved_exceptions_total");

    [Fact]
    public void ByClauseAfterTheAggregation_AndWithout() =>
        AssertNames("sum(rate(a_total[5m])) by (le) / ignoring(le) sum without (x, y) (b)", "a_total", "b");

    [Fact]
    public void VectorMatching_OnGroupLeft_AndSetOperators() =>
        AssertNames(
            "leakagent_heap_growth_rate_bytes_per_second / on (job, instance) group_left (x) threshold_metric and on(job) fit_ratio >= bool 0.8 unless c",
            "c", "fit_ratio", "leakagent_heap_growth_rate_bytes_per_second", "threshold_metric");

    [Fact]
    public void StringArguments_AndCaptureReferences_AreNotMetrics() =>
        AssertNames(
            "label_replace(sum by (generation) (process_runtime_dotnet_gc_heap_size_bytes), \"gc_heap_generation\", \"$1\", \"generation\", \"(.*)\")",
            "process_runtime_dotnet_gc_heap_size_bytes");

    [Fact]
    public void Numbers_Durations_Offsets_AndScientificNotation() =>
        AssertNames("histogram_quantile(0.95, sum by (le) (rate(d_bucket[5m] offset 1h30m))) / 1e9 + 0x1F - 2.5e+3", "d_bucket");

    [Fact]
    public void RecordingRuleNames_WithColons_AreMetrics() =>
        AssertNames("leakagent:heap_growth_over_threshold:ratio > 1", "leakagent:heap_growth_over_threshold:ratio");

    [Fact]
    public void NameMatcher_IsAMetric_AndSubqueriesAreStripped() =>
        AssertNames("max_over_time({__name__=\"up\", job=\"x\"}[10m:1m]) or topk(10, other)", "other", "up");

    [Fact]
    public void Comments_AndMultilineExpressions() =>
        AssertNames("# heap\nfoo\n  or # bar is not a metric\nbaz", "baz", "foo");

    [Fact]
    public void SpaceBeforeTheParenthesis_StillMakesAFunction() =>
        AssertNames("sum (rate (x[1m]))", "x");

    [Fact]
    public void FunctionLikeMetricName_WithoutParenthesis_IsAMetric() =>
        AssertNames("rate + sum", "rate", "sum");

    [Fact]
    public void AtModifier_WithStartFunction() =>
        AssertNames("x @ start() - y @ 1609746000", "x", "y");
}
