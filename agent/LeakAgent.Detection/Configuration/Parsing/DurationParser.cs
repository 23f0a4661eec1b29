namespace LeakAgent.Detection.Configuration.Parsing;

/// <summary>
/// Parses durations such as <c>500ms</c>, <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, or compound ones such as
/// <c>29m51s</c> (what <see cref="Format"/> writes); a bare number is seconds.
/// </summary>
internal static class DurationParser
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a duration such as 500ms, 90s, 10m or 2h";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var total = 0d;
        var segments = Segments(text.Trim());
        if (segments.Count == 0)
        {
            return false;
        }

        foreach (var segment in segments)
        {
            // In a compound duration ("1h30m") every part needs its unit: "1h30" is a typo, not 1h + 30s.
            if (!UnitNumber.TrySplit(segment, out var number, out var unit) || (segments.Count > 1 && unit.Length == 0) || Seconds(number, unit) is not { } seconds)
            {
                return false;
            }

            total += seconds;
        }

        if (total > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>
    /// Formats a duration the way a person would write it back (<c>90s</c>, <c>10m</c>, <c>29m51s</c>): below a
    /// minute to the millisecond, from a minute up to the whole second — "1791.003s" helps nobody.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value.TotalSeconds < 1)
        {
            return $"{value.TotalMilliseconds:0.###}ms";
        }

        if (value.TotalMinutes < 1)
        {
            return $"{value.TotalSeconds:0.###}s";
        }

        var rounded = TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
        var hours = (long)rounded.TotalHours;
        var parts = (hours > 0 ? $"{hours}h" : string.Empty)
            + (rounded.Minutes > 0 ? $"{rounded.Minutes}m" : string.Empty)
            + (rounded.Seconds > 0 ? $"{rounded.Seconds}s" : string.Empty);

        // A whole number of seconds under two minutes reads better as seconds ("90s", the way people set it).
        return rounded.TotalSeconds < 120 && rounded.Seconds > 0 ? $"{rounded.TotalSeconds:0}s" : parts;
    }

    private static double? Seconds(double number, string unit) => unit.ToUpperInvariant() switch
    {
        "" or "S" or "SEC" or "SECS" or "SECOND" or "SECONDS" => number,
        "MS" or "MILLISECOND" or "MILLISECONDS" => number / 1000,
        "M" or "MIN" or "MINS" or "MINUTE" or "MINUTES" => number * 60,
        "H" or "HR" or "HOUR" or "HOURS" => number * 3600,
        "D" or "DAY" or "DAYS" => number * 86400,
        _ => null,
    };

    /// <summary>Splits "1h 30m" / "29m51s" into "1h", "30m" / "29m", "51s": a number, then its unit letters.</summary>
    private static List<string> Segments(string text)
    {
        var segments = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            while (i < text.Length && !char.IsDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            segments.Add(text[start..i].Trim());
            start = i;
        }

        return segments;
    }
}
