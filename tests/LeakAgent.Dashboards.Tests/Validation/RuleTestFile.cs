namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>
/// A <c>promtool test rules</c> file (dashboards/prometheus/tests): the series it feeds in and the expressions it
/// evaluates. Its input series name metrics too: a rule test that feeds a name the agent never exports proves
/// nothing about production, so those names are checked like queries.
/// </summary>
public static class RuleTestFile
{
    /// <summary>Every input series selector and <c>promql_expr_test</c> expression of every rule test file.</summary>
    public static IReadOnlyList<QueryUsage> LoadAllQueries() =>
        Directory.GetFiles(RepoPaths.InDashboards("prometheus/tests"), "*.yml")
            .Order(StringComparer.Ordinal)
            .SelectMany(Queries)
            .ToList();

    /// <summary>One file's input series (a series selector is a PromQL expression) and expression tests.</summary>
    public static IEnumerable<QueryUsage> Queries(string path)
    {
        var name = Path.GetFileName(path);
        var tests = YamlFile.Load(path).Seq("tests");
        for (var t = 0; t < tests.Count; t++)
        {
            foreach (var series in tests[t].Seq("input_series"))
            {
                yield return new QueryUsage($"{name}: test {t + 1} input_series", series.Scalar("series") ?? string.Empty);
            }

            foreach (var exprTest in tests[t].Seq("promql_expr_test"))
            {
                yield return new QueryUsage($"{name}: test {t + 1} promql_expr_test", exprTest.Scalar("expr") ?? string.Empty);
            }
        }
    }
}
