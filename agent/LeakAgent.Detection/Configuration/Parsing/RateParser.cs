namespace LeakAgent.Detection.Configuration.Parsing;

/// <summary>Parses a growth rate such as <c>5MB/min</c>, <c>100KB/s</c>, <c>1GB/h</c> into bytes per second.</summary>
internal static class RateParser
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a rate such as 5MB/min, 100KB/s or 1GB/h";

    public static bool TryParse(string text, out double bytesPerSecond)
    {
        bytesPerSecond = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !SizeParser.TryParse(text[..slash], out var bytes))
        {
            return false;
        }

        var per = text[(slash + 1)..].Trim();
        if (per.Length == 0 || !DurationParser.TryParse(char.IsDigit(per.FirstOrDefault()) ? per : "1" + per, out var interval) || interval <= TimeSpan.Zero)
        {
            return false;
        }

        bytesPerSecond = bytes / interval.TotalSeconds;
        return true;
    }

    /// <summary>Formats bytes per second as a per-minute rate, the unit people think of leaks in.</summary>
    public static string Format(double bytesPerSecond) => SizeParser.Format(bytesPerSecond * 60) + "/min";
}
