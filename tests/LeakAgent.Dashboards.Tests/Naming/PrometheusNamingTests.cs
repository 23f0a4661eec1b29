namespace LeakAgent.Dashboards.Tests.Naming;

public class PrometheusNamingTests
{
    [Theory]
    // The agent's contract.
    [InlineData("leakagent.heap.live_size", "By", "gauge", "leakagent_heap_live_size_bytes")]
    [InlineData("leakagent.heap.growth_rate", "By/s", "gauge", "leakagent_heap_growth_rate_bytes_per_second")]
    [InlineData("leakagent.heap.growth_fit", "1", "gauge", "leakagent_heap_growth_fit_ratio")]
    [InlineData("leakagent.tasks.unobserved_exceptions", "{exception}", "counter", "leakagent_tasks_unobserved_exceptions_total")]
    [InlineData("leakagent.tasks.pending", "{operation}", "gauge", "leakagent_tasks_pending")]
    [InlineData("leakagent.tasks.pending.oldest_age", "s", "gauge", "leakagent_tasks_pending_oldest_age_seconds")]
    [InlineData("leakagent.statics.growth_rate", "{element}/s", "gauge", "leakagent_statics_growth_rate_per_second")]
    [InlineData("leakagent.gcdump.count", "", "counter", "leakagent_gcdump_count_total")]
    // Runtime names, new and old.
    [InlineData("dotnet.gc.pause.time", "s", "ObservableCounter`1", "dotnet_gc_pause_time_seconds_total")]
    [InlineData("dotnet.process.memory.working_set", "By", "ObservableUpDownCounter`1", "dotnet_process_memory_working_set_bytes")]
    [InlineData("process.runtime.dotnet.gc.heap.size", "bytes", "updowncounter", "process_runtime_dotnet_gc_heap_size_bytes")]
    [InlineData("process.runtime.dotnet.gc.duration", "ns", "counter", "process_runtime_dotnet_gc_duration_nanoseconds_total")]
    [InlineData("process.runtime.dotnet.gc.collections.count", "{collections}", "counter", "process_runtime_dotnet_gc_collections_count_total")]
    public void BaseName_FollowsTheCollectorRules(string name, string unit, string kind, string expected)
    {
        Assert.Equal(expected, PrometheusNaming.BaseName(name, unit, MetricKinds.Parse(kind)));
    }

    [Fact]
    public void Ratio_IsAddedForGaugesOnly_NotForUpDownCountersOrCounters()
    {
        Assert.Equal("x_used_ratio", PrometheusNaming.BaseName("x.used", "1", MetricKind.Gauge));
        Assert.Equal("x_used", PrometheusNaming.BaseName("x.used", "1", MetricKind.UpDownCounter));
        Assert.Equal("x_used_total", PrometheusNaming.BaseName("x.used", "1", MetricKind.Counter));
    }

    [Fact]
    public void UnitAlreadyInTheName_IsNotRepeated()
    {
        Assert.Equal("heap_size_bytes", PrometheusNaming.BaseName("heap.size.bytes", "By", MetricKind.Gauge));
        Assert.Equal("rate_per_second", PrometheusNaming.BaseName("rate", "{x}/s", MetricKind.Gauge));
    }

    [Fact]
    public void TotalAndRatioTokens_MoveToTheEnd()
    {
        Assert.Equal("requests_served_total", PrometheusNaming.BaseName("requests.total.served", "", MetricKind.Counter));
        Assert.Equal("cache_hit_ratio", PrometheusNaming.BaseName("cache.ratio.hit", "1", MetricKind.Gauge));
    }

    [Fact]
    public void SeparatorsCollapse_AndALeadingDigitGetsAnUnderscore()
    {
        Assert.Equal("a_b_c", PrometheusNaming.BaseName("a..b__c", "", MetricKind.UpDownCounter));
        Assert.Equal("_2xx_responses_total", PrometheusNaming.BaseName("2xx.responses", "{response}", MetricKind.Counter));
    }

    [Fact]
    public void UnknownUnits_AreKeptAndCleaned_AndPerUnitsMap()
    {
        Assert.Equal("transfer_kilobytes_per_minute", PrometheusNaming.BaseName("transfer", "KBy/m", MetricKind.Gauge));
        Assert.Equal("weird_foo_bar", PrometheusNaming.BaseName("weird", "foo-bar", MetricKind.Gauge));
        Assert.Equal("events_per_hour", PrometheusNaming.BaseName("events", "/h", MetricKind.Gauge));
    }

    [Fact]
    public void Histogram_IsExposedAsBucketSumAndCount()
    {
        Assert.Equal(
            ["leakagent_gcdump_duration_seconds_bucket", "leakagent_gcdump_duration_seconds_sum", "leakagent_gcdump_duration_seconds_count"],
            PrometheusNaming.SeriesNames("leakagent.gcdump.duration", "s", MetricKind.Histogram));
    }

    [Theory]
    [InlineData("Counter`1", MetricKind.Counter)]
    [InlineData("ObservableCounter", MetricKind.Counter)]
    [InlineData("monotonic_sum", MetricKind.Counter)]
    [InlineData("sum", MetricKind.UpDownCounter)]
    [InlineData("ObservableUpDownCounter`1", MetricKind.UpDownCounter)]
    [InlineData("ObservableGauge`1", MetricKind.Gauge)]
    [InlineData("Histogram`1", MetricKind.Histogram)]
    [InlineData("exponential_histogram", MetricKind.ExponentialHistogram)]
    public void Kinds_ParseFromInstrumentAndOtlpNames(string text, MetricKind expected)
    {
        Assert.Equal(expected, MetricKinds.Parse(text));
    }

    [Fact]
    public void UnknownKind_IsRejected()
    {
        Assert.Throws<FormatException>(() => MetricKinds.Parse("summary-ish"));
    }
}
