namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>A Prometheus rule file: its recording rules, alerts and their annotations.</summary>
public sealed class RuleFile
{
    private RuleFile(string name, IReadOnlyList<Rule> rules)
    {
        Name = name;
        Rules = rules;
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary>Every rule of every group.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The names the recording rules define: metric names that queries may use.</summary>
    public IEnumerable<string> RecordedNames => Rules.Where(r => r.Record is not null).Select(r => r.Record!);

    /// <summary>Every rule file under dashboards/prometheus/rules.</summary>
    public static IReadOnlyList<RuleFile> LoadAll() =>
        Directory.GetFiles(RepoPaths.InDashboards("prometheus/rules"), "*.yml")
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();

    /// <summary>Loads one rule file.</summary>
    public static RuleFile Load(string path)
    {
        var root = YamlFile.Load(path);
        var rules = new List<Rule>();
        foreach (var group in root.Seq("groups"))
        {
            foreach (var r in group.Seq("rules"))
            {
                var annotations = r.Map("annotations") is { } a
                    ? a.Keys().ToDictionary(k => k, k => a.Scalar(k) ?? string.Empty, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                rules.Add(new Rule(group.Scalar("name") ?? string.Empty, r.Scalar("record"), r.Scalar("alert"), r.Scalar("expr") ?? string.Empty, annotations));
            }
        }

        return new RuleFile(Path.GetFileName(path), rules);
    }

    /// <summary>Each rule's expression as a query usage.</summary>
    public IEnumerable<QueryUsage> Queries() =>
        Rules.Select(r => new QueryUsage($"{Name}: {(r.Alert is not null ? "alert " + r.Alert : "record " + r.Record)}", r.Expr));

    /// <summary>One rule.</summary>
    public sealed record Rule(string Group, string? Record, string? Alert, string Expr, IReadOnlyDictionary<string, string> Annotations);
}
