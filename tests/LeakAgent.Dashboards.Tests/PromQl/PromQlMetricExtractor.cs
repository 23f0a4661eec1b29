using System.Text.RegularExpressions;

namespace LeakAgent.Dashboards.Tests.PromQl;

/// <summary>
/// Pulls the metric names out of a PromQL expression (as written in a Grafana target, annotation or alert rule),
/// without a full parser: what is not a metric name is removed first, then every identifier that is not a
/// function call or a keyword is a metric name.
/// </summary>
/// <remarks>
/// Removed, in order: comments; <c>__name__="x"</c> matchers are read first (x is a metric); string literals;
/// Grafana variables (<c>$job</c>, <c>${job:regex}</c>, <c>[[job]]</c>); label matcher blocks <c>{...}</c>;
/// range and subquery brackets <c>[...]</c>; <c>by</c>/<c>without</c>/<c>on</c>/<c>ignoring</c>/<c>group_left</c>/
/// <c>group_right</c> label lists; numbers and durations. Recording-rule names (with colons) are metric names.
/// </remarks>
public static partial class PromQlMetricExtractor
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
        "atan2", "inf", "nan",
    };

    /// <summary>The distinct metric names the expression reads.</summary>
    public static IReadOnlySet<string> Extract(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var names = new SortedSet<string>(StringComparer.Ordinal);

        var text = CommentRegex().Replace(expression, " ");
        foreach (Match m in NameMatcherRegex().Matches(text))
        {
            names.Add(m.Groups[1].Value);
        }

        text = StringRegex().Replace(text, " ");
        text = GrafanaVariableRegex().Replace(text, " ");
        text = LabelBlockRegex().Replace(text, " ");
        text = BracketRegex().Replace(text, " ");
        text = LabelListRegex().Replace(text, " ");

        foreach (Match m in TokenRegex().Matches(text))
        {
            var token = m.Value;
            if (char.IsAsciiDigit(token[0]) || s_keywords.Contains(token) || IsCall(text, m.Index + m.Length))
            {
                continue;
            }

            names.Add(token);
        }

        return names;
    }

    private static bool IsCall(string text, int after)
    {
        for (var i = after; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return text[i] == '(';
            }
        }

        return false;
    }

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"__name__\s*=\s*[""'`]([a-zA-Z_:][a-zA-Z0-9_:]*)[""'`]")]
    private static partial Regex NameMatcherRegex();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`")]
    private static partial Regex StringRegex();

    [GeneratedRegex(@"\$\{[^}]*\}|\$[a-zA-Z_][a-zA-Z0-9_]*|\[\[[^\]]*\]\]")]
    private static partial Regex GrafanaVariableRegex();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelBlockRegex();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex BracketRegex();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex LabelListRegex();

    [GeneratedRegex(@"[0-9][0-9a-zA-Z_.]*|[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex TokenRegex();
}
