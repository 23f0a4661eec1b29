using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LeakAgent.Dashboards.Tests.Validation;

public partial class PromtoolTests
{
    [RequiresToolFact("promtool")]
    public void CheckRules_Passes_AndCountsEveryRule()
    {
        var expected = RuleFile.Load(RepoPaths.InDashboards("prometheus/rules/leakagent.rules.yml")).Rules.Count;
        Assert.Equal(5, expected);

        var (exit, output) = ExternalTool.Run("promtool", RepoPaths.Dashboards, "check", "rules", "prometheus/rules/leakagent.rules.yml");

        Assert.True(exit == 0, output);
        Assert.Equal(expected, ReportedRuleCount(output));
    }

    [RequiresToolFact("promtool")]
    public void CheckConfig_Passes_AndLoadsTheRuleFile()
    {
        var (exit, output) = ExternalTool.Run("promtool", RepoPaths.Dashboards, "check", "config", "prometheus/prometheus.yml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
        Assert.Equal(5, ReportedRuleCount(output));
    }

    [RequiresToolFact("promtool")]
    public void RuleUnitTests_Pass()
    {
        var (exit, output) = ExternalTool.Run("promtool", RepoPaths.Dashboards, "test", "rules", "prometheus/tests/leakagent.rules.test.yml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [RequiresToolFact("promtool")]
    public void EveryDashboardQuery_IsValidPromQl()
    {
        // promtool has no "check expression", so each query (Grafana variables replaced) becomes a recording rule.
        var queries = DashboardFile.LoadAll().SelectMany(d => d.Queries()).ToList();
        var yaml = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            var expr = GrafanaVariableRegex().Replace(queries[i].Expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$__interval", "1m", StringComparison.Ordinal), ".*");
            yaml.Append(CultureInfo.InvariantCulture, $"      - record: dashboard_query_{i}\n        expr: {System.Text.Json.JsonSerializer.Serialize(expr)}\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"leakagent-dashboard-queries-{Environment.ProcessId}.yml");
        File.WriteAllText(file, yaml.ToString());
        try
        {
            var (exit, output) = ExternalTool.Run("promtool", RepoPaths.Dashboards, "check", "rules", file);
            Assert.True(exit == 0, output);
            Assert.Equal(queries.Count, ReportedRuleCount(output));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [RequiresToolFact("promtool")]
    public void CheckRules_FailsOnABrokenExpression()
    {
        var file = Path.Combine(Path.GetTempPath(), $"leakagent-broken-{Environment.ProcessId}.yml");
        File.WriteAllText(file, "groups:\n  - name: g\n    rules:\n      - alert: Broken\n        expr: sum by (job (up)\n");
        try
        {
            var (exit, _) = ExternalTool.Run("promtool", RepoPaths.Dashboards, "check", "rules", file);
            Assert.NotEqual(0, exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [RequiresToolFact("amtool")]
    public void AlertmanagerExample_IsValid_AndPostsToTheWatchSidecarWithABearerToken()
    {
        var (exit, output) = ExternalTool.Run("amtool", RepoPaths.Dashboards, "check-config", "alertmanager/alertmanager.example.yml");
        Assert.True(exit == 0, output);

        var webhook = YamlFile.Load(RepoPaths.InDashboards("alertmanager/alertmanager.example.yml"))
            .Seq("receivers").Single(r => r.Scalar("name") == "leakagent-watch")
            .Seq("webhook_configs").Single();
        Assert.EndsWith("/alerts", webhook.Scalar("url"), StringComparison.Ordinal);
        Assert.Equal("Bearer", webhook.Map("http_config").Map("authorization").Scalar("type"));
    }

    private static int ReportedRuleCount(string output)
    {
        var m = RuleCountRegex().Match(output);
        Assert.True(m.Success, output);
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"SUCCESS: (\d+) rules found")]
    private static partial Regex RuleCountRegex();

    [GeneratedRegex(@"\$\{?[a-zA-Z_][a-zA-Z0-9_]*(?::[a-z]+)?\}?")]
    private static partial Regex GrafanaVariableRegex();
}
