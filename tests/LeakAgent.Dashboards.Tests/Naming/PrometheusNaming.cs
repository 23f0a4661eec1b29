namespace LeakAgent.Dashboards.Tests.Naming;

/// <summary>
/// Maps an OpenTelemetry metric (name, unit, kind) to the Prometheus series names that the Collector's
/// <c>prometheus</c> exporter writes with <c>translation_strategy: UnderscoreEscapingWithSuffixes</c> (the
/// default; <c>add_metric_suffixes: true</c> before that option existed).
/// </summary>
/// <remarks>
/// A port of <c>normalizeName</c> in github.com/prometheus/otlptranslator (metric_namer.go, unit_namer.go), which
/// the Collector uses since it moved off pkg/translator/prometheus; the rules, in order:
/// <list type="number">
/// <item>The name is split into tokens at every character outside <c>[a-zA-Z0-9:]</c> (dots, underscores,
/// dashes), so runs of separators collapse and the tokens are joined with <c>_</c>.</item>
/// <item>The unit is split at its first <c>/</c>. A part that is empty or holds a <c>{annotation}</c> gives no
/// suffix. The main part maps through the UCUM table (<c>By</c>→bytes, <c>s</c>→seconds, <c>ns</c>→nanoseconds,
/// <c>1</c>→nothing, <c>%</c>→percent, ...) or stays as written (<c>bytes</c>); the per part maps
/// <c>s</c>→second, <c>m</c>→minute, <c>h</c>→hour, ... and becomes <c>per_X</c>: <c>By/s</c> → bytes_per_second,
/// <c>{element}/s</c> → per_second. Invalid characters in a unit become <c>_</c>.</item>
/// <item>A unit suffix that is already one of the name's tokens is not added again.</item>
/// <item>Monotonic counters: every <c>total</c> token is removed and <c>total</c> appended.</item>
/// <item>Gauges (only gauges, not up-down counters) with unit <c>1</c>: every <c>ratio</c> token is removed and
/// <c>ratio</c> appended.</item>
/// <item>A name that starts with a digit gets a leading <c>_</c>.</item>
/// <item>Explicit-bucket histograms are exposed as <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</item>
/// </list>
/// </remarks>
public static class PrometheusNaming
{
    private static readonly Dictionary<string, string> s_unitMap = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["1"] = string.Empty,
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> s_perUnitMap = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>The base Prometheus metric name (for a histogram, the name before <c>_bucket</c>).</summary>
    public static string BaseName(string name, string unit, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        unit ??= string.Empty;

        var tokens = Tokens(name);
        var (main, per) = UnitSuffixes(unit);
        AddUnitTokens(tokens, CleanUpUnit(main), CleanUpUnit(per));

        if (kind == MetricKind.Counter)
        {
            tokens.RemoveAll(t => t == "total");
            tokens.Add("total");
        }

        if (unit == "1" && kind == MetricKind.Gauge)
        {
            tokens.RemoveAll(t => t == "ratio");
            tokens.Add("ratio");
        }

        var result = string.Join('_', tokens);
        return result.Length > 0 && char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }

    /// <summary>Every Prometheus series name the metric is exposed under.</summary>
    public static IReadOnlyList<string> SeriesNames(string name, string unit, MetricKind kind)
    {
        var baseName = BaseName(name, unit, kind);
        return kind == MetricKind.Histogram
            ? [baseName + "_bucket", baseName + "_sum", baseName + "_count"]
            : [baseName];
    }

    private static bool IsValidChar(char c) => char.IsAsciiLetterOrDigit(c) || c == ':';

    // Go's strings.FieldsFunc: split at invalid characters, drop empty fields.
    private static List<string> Tokens(string name)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var valid = i < name.Length && IsValidChar(name[i]);
            if (valid && start < 0)
            {
                start = i;
            }
            else if (!valid && start >= 0)
            {
                tokens.Add(name[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    private static (string Main, string Per) UnitSuffixes(string unit)
    {
        var parts = unit.Split('/', 2);
        var main = string.Empty;
        var per = string.Empty;

        var mainOtel = parts[0].Trim();
        if (mainOtel.Length > 0 && mainOtel.IndexOfAny(['{', '}']) < 0)
        {
            main = s_unitMap.TryGetValue(mainOtel, out var m) ? m : mainOtel;
        }

        if (parts.Length > 1 && parts[1].Length > 0)
        {
            var perOtel = parts[1].Trim();
            if (perOtel.Length > 0 && perOtel.IndexOfAny(['{', '}']) < 0)
            {
                per = s_perUnitMap.TryGetValue(perOtel, out var p) ? p : perOtel;
            }

            if (per.Length > 0)
            {
                per = "per_" + per;
            }
        }

        return (main, per);
    }

    private static string CleanUpUnit(string unit)
    {
        var replaced = new string(unit.Select(c => IsValidChar(c) ? c : '_').ToArray());
        while (replaced.Contains("__", StringComparison.Ordinal))
        {
            replaced = replaced.Replace("__", "_", StringComparison.Ordinal);
        }

        return replaced.StartsWith('_') ? replaced[1..] : replaced;
    }

    private static void AddUnitTokens(List<string> tokens, string main, string per)
    {
        if (tokens.Contains(main))
        {
            main = string.Empty;
        }

        if (per == "per_")
        {
            per = string.Empty;
        }
        else
        {
            per = per.TrimEnd('_');
            if (tokens.Contains(per))
            {
                per = string.Empty;
            }
        }

        if (per.Length > 0)
        {
            main = main.TrimEnd('_');
        }

        if (main.Length > 0)
        {
            tokens.Add(main);
        }

        if (per.Length > 0)
        {
            tokens.Add(per);
        }
    }
}
