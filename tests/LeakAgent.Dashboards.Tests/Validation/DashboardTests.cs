using System.Text.Json;

namespace LeakAgent.Dashboards.Tests.Validation;

public class DashboardTests
{
    public static TheoryData<string> DashboardNames() =>
        [.. Directory.GetFiles(RepoPaths.InDashboards("grafana/dashboards"), "*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    private static DashboardFile Load(string name) => DashboardFile.LoadAll().Single(d => d.Name == name);

    [Fact]
    public void ThereIsTheLeakHuntingDashboard()
    {
        var d = Load("leakagent-leak-hunting.json");
        Assert.Equal("LeakAgent — leak hunting", DashboardFile.Str(d.Root, "title"));
        Assert.Equal("leakagent-leak-hunting", DashboardFile.Str(d.Root, "uid"));
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void EveryPanel_HasADatasourceAndQueries(string name)
    {
        var d = Load(name);
        var panels = d.QueryPanels().ToList();
        Assert.NotEmpty(panels);
        foreach (var p in panels)
        {
            var title = DashboardFile.Str(p, "title");
            Assert.True(p.TryGetProperty("datasource", out var ds) && ds.ValueKind != JsonValueKind.Null, $"panel '{title}' has no datasource");
            Assert.True(p.TryGetProperty("targets", out var targets) && targets.GetArrayLength() > 0, $"panel '{title}' has no targets");
            foreach (var t in targets.EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(DashboardFile.Str(t, "expr")), $"panel '{title}' target {DashboardFile.Str(t, "refId")} has no expr");
                Assert.True(t.TryGetProperty("datasource", out var tds) && DashboardFile.Str(tds, "uid") == "${datasource}", $"panel '{title}' target does not use the datasource variable");
            }
        }
    }

    [Fact]
    public void PanelsNestedInCollapsedRows_AreChecked()
    {
        const string json = """
            {"panels":[{"type":"row","title":"r","collapsed":true,"panels":[{"type":"timeseries","title":"inner","targets":[{"expr":"up"}]}]}]}
            """;
        var d = DashboardFile.Parse("nested.json", json);
        var inner = Assert.Single(d.QueryPanels());
        Assert.Equal("inner", DashboardFile.Str(inner, "title"));
        Assert.Equal("nested.json: panel 'inner' ", Assert.Single(d.Queries()).Location);
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void EveryVariableReference_Resolves(string name)
    {
        Assert.Empty(Load(name).UnresolvedVariables());
    }

    [Fact]
    public void UnresolvedVariable_IsReported()
    {
        var d = DashboardFile.Parse("x.json", """{"templating":{"list":[{"name":"job","type":"query"}]},"panels":[{"type":"stat","targets":[{"expr":"up{job=~\"$job\",pod=\"${pod}\"} + $__rate_interval","legendFormat":"$1"}]}]}""");
        Assert.Equal(["pod"], d.UnresolvedVariables());
    }

    [Fact]
    public void Variables_SelectServiceAndInstance_ByJobAndInstanceLabels()
    {
        var d = Load("leakagent-leak-hunting.json");
        Assert.Equal(["datasource", "instance", "jaeger_url", "job"], d.VariableNames.Order(StringComparer.Ordinal));
        var selectors = d.Queries().Where(q => q.Location.Contains("variable", StringComparison.Ordinal)).Select(q => q.Expression).ToList();
        Assert.Equal(["leakagent_heap_live_size_bytes", "leakagent_heap_live_size_bytes{job=~\"$job\"}"], selectors);
    }

    [Theory]
    [InlineData("label_values(up{job=\"a\"}, instance)", "up{job=\"a\"}")]
    [InlineData("label_values(job)", null)]
    [InlineData("query_result(topk(3, x))", "topk(3, x)")]
    public void VariableQueries_YieldTheirPromQl(string query, string? expected)
    {
        Assert.Equal(expected, DashboardFile.VariableSelector(query));
    }

    [Fact]
    public void AlertPanel_LinksToJaegerSearchForTheLeakAlertSpan()
    {
        var panel = Load("leakagent-leak-hunting.json").QueryPanels().Single(p => DashboardFile.Str(p, "title") == "Leak suspected");
        var url = DashboardFile.Str(panel.GetProperty("links")[0], "url");
        Assert.Equal("${jaeger_url}/search?service=${job}&operation=leakagent.leak_alert&lookback=2h", url);
    }

    [Fact]
    public void GcdumpsAreAnnotations()
    {
        var annotations = Load("leakagent-leak-hunting.json").Queries().Where(q => q.Location.Contains("annotation", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, annotations.Count);
        Assert.All(annotations, a => Assert.Contains("leakagent_gcdump_count_total", a.Expression, StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimePanels_QueryBothTheNewAndTheOlderRuntimeNames()
    {
        var d = Load("leakagent-leak-hunting.json");
        var runtime = d.Queries().Where(q => PromQl.PromQlMetricExtractor.Extract(q.Expression).Any(m => m.StartsWith("dotnet_", StringComparison.Ordinal))).ToList();
        Assert.Equal(10, runtime.Count);
        foreach (var q in runtime)
        {
            var names = PromQl.PromQlMetricExtractor.Extract(q.Expression);
            Assert.True(names.Any(n => n.StartsWith("process_", StringComparison.Ordinal)), $"{q.Location} has no fallback to the older names: {q.Expression}");
        }
    }
}
