namespace LeakAgent.Detection.Configuration.Parsing;

/// <summary>Parses durations such as <c>500ms</c>, <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>; a bare number is seconds.</summary>
internal static class DurationParser
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a duration such as 500ms, 90s, 10m or 2h";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (!UnitNumber.TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        double? seconds = unit.ToUpperInvariant() switch
        {
            "" or "S" or "SEC" or "SECS" or "SECOND" or "SECONDS" => number,
            "MS" or "MILLISECOND" or "MILLISECONDS" => number / 1000,
            "M" or "MIN" or "MINS" or "MINUTE" or "MINUTES" => number * 60,
            "H" or "HR" or "HOUR" or "HOURS" => number * 3600,
            "D" or "DAY" or "DAYS" => number * 86400,
            _ => null,
        };
        if (seconds is null || seconds.Value > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds.Value);
        return true;
    }

    /// <summary>Formats a duration the way a person would write it back (<c>90s</c>, <c>10m</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value.TotalSeconds < 1)
        {
            return $"{value.TotalMilliseconds:0.###}ms";
        }

        if (value.TotalMinutes < 1 || value.TotalSeconds % 60 != 0)
        {
            return $"{value.TotalSeconds:0.###}s";
        }

        if (value.TotalHours < 1 || value.TotalMinutes % 60 != 0)
        {
            return $"{value.TotalMinutes:0.###}m";
        }

        return $"{value.TotalHours:0.###}h";
    }
}
