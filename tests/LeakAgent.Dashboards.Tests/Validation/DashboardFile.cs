using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>A Grafana dashboard JSON: its panels (rows' nested panels included), queries and variables.</summary>
public sealed partial class DashboardFile
{
    private static readonly HashSet<string> s_builtInVariables = new(StringComparer.Ordinal)
    {
        "__interval", "__interval_ms", "__rate_interval", "__rate_interval_ms", "__range", "__range_s", "__range_ms",
        "__from", "__to", "__dashboard", "__org", "__user", "__name", "__field", "__series", "__value", "__data",
        "__all", "__timeFilter", "timeFilter", "__timezone", "__url", "__url_time_range",
    };

    private DashboardFile(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary>The parsed document.</summary>
    public JsonElement Root { get; }

    /// <summary>Every dashboard JSON under dashboards/grafana/dashboards.</summary>
    public static IReadOnlyList<DashboardFile> LoadAll() =>
        Directory.GetFiles(RepoPaths.InDashboards("grafana/dashboards"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(p => Parse(Path.GetFileName(p), File.ReadAllText(p)))
            .ToList();

    /// <summary>Parses a dashboard; throws <see cref="JsonException"/> if it is not JSON.</summary>
    public static DashboardFile Parse(string name, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new DashboardFile(name, doc.RootElement.Clone());
    }

    /// <summary>Every panel that is not a row, including panels nested in (collapsed) rows.</summary>
    public IEnumerable<JsonElement> QueryPanels() => AllPanels(Root).Where(p => Str(p, "type") != "row");

    /// <summary>The names of the dashboard's template variables.</summary>
    public IReadOnlySet<string> VariableNames =>
        Templating().Select(v => Str(v, "name") ?? string.Empty).ToHashSet(StringComparer.Ordinal);

    /// <summary>The template variables.</summary>
    public IEnumerable<JsonElement> Templating() =>
        Root.TryGetProperty("templating", out var t) && t.TryGetProperty("list", out var list)
            ? list.EnumerateArray()
            : [];

    /// <summary>Every PromQL expression: panel targets, annotation queries and query variables.</summary>
    public IEnumerable<QueryUsage> Queries()
    {
        foreach (var panel in QueryPanels())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                if (Str(target, "expr") is { Length: > 0 } expr)
                {
                    yield return new QueryUsage($"{Name}: panel '{Str(panel, "title")}' {Str(target, "refId")}", expr);
                }
            }
        }

        if (Root.TryGetProperty("annotations", out var ann) && ann.TryGetProperty("list", out var list))
        {
            foreach (var a in list.EnumerateArray())
            {
                if (Str(a, "expr") is { Length: > 0 } expr)
                {
                    yield return new QueryUsage($"{Name}: annotation '{Str(a, "name")}'", expr);
                }
            }
        }

        foreach (var v in Templating().Where(v => Str(v, "type") == "query"))
        {
            var query = v.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.Object ? Str(q, "query") : Str(v, "query");
            if (query is not null && VariableSelector(query) is { Length: > 0 } selector)
            {
                yield return new QueryUsage($"{Name}: variable '{Str(v, "name")}'", selector);
            }
        }
    }

    /// <summary>Every <c>$var</c>, <c>${var}</c> or <c>[[var]]</c> anywhere in the dashboard that names neither a
    /// template variable nor a Grafana built-in.</summary>
    public IReadOnlyList<string> UnresolvedVariables()
    {
        var defined = VariableNames;
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in AllStrings(Root))
        {
            foreach (Match m in VariableReferenceRegex().Matches(s))
            {
                var name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value;
                name = name.Split('.', ':')[0];
                if (!defined.Contains(name) && !s_builtInVariables.Contains(name))
                {
                    unresolved.Add(name);
                }
            }
        }

        return [.. unresolved];
    }

    /// <summary>The PromQL part of a Grafana Prometheus variable query: the selector of
    /// <c>label_values(selector, label)</c>, the expression of <c>query_result(expr)</c>, nothing for
    /// <c>label_values(label)</c> or <c>label_names()</c>.</summary>
    public static string? VariableSelector(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        var m = LabelValuesRegex().Match(q);
        if (m.Success)
        {
            return m.Groups["selector"].Value;
        }

        m = QueryResultRegex().Match(q);
        return m.Success ? m.Groups["expr"].Value : null;
    }

    internal static string? Str(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static IEnumerable<JsonElement> AllPanels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels) || panels.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var p in panels.EnumerateArray())
        {
            yield return p;
            foreach (var nested in AllPanels(p))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<string> AllStrings(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                yield return e.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    foreach (var s in AllStrings(p.Value))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var s in AllStrings(item))
                    {
                        yield return s;
                    }
                }

                break;
        }
    }

    // $name (not $1: regex capture references in label_replace), ${name}, ${name:format}, ${__field.labels.x}, [[name]].
    [GeneratedRegex(@"\$\{(?<a>[a-zA-Z_][a-zA-Z0-9_.:]*)[^}]*\}|\$(?<b>[a-zA-Z_][a-zA-Z0-9_]*)|\[\[(?<c>[a-zA-Z_][a-zA-Z0-9_]*)\]\]")]
    private static partial Regex VariableReferenceRegex();

    [GeneratedRegex(@"^label_values\(\s*(?<selector>.+),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$", RegexOptions.Singleline)]
    private static partial Regex LabelValuesRegex();

    [GeneratedRegex(@"^query_result\((?<expr>.+)\)$", RegexOptions.Singleline)]
    private static partial Regex QueryResultRegex();
}
