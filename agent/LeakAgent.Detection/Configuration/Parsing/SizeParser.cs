namespace LeakAgent.Detection.Configuration.Parsing;

/// <summary>
/// Parses sizes such as <c>512KB</c>, <c>64MB</c>, <c>2GiB</c>, <c>1Gi</c>; a bare number is bytes. KB/MB/GB are
/// binary (1 MB = 1,048,576 bytes), as .NET tools and Kubernetes' Mi/Gi use them.
/// </summary>
internal static class SizeParser
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a size such as 512KB, 64MB or 2GB";

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (!UnitNumber.TrySplit(text, out var number, out var unit) || !TryMultiplier(unit, out var multiplier))
        {
            return false;
        }

        var value = number * multiplier;
        if (value > long.MaxValue / 2)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    internal static bool TryMultiplier(string unit, out double multiplier)
    {
        multiplier = unit.ToUpperInvariant() switch
        {
            "" or "B" or "BYTES" => 1,
            "K" or "KB" or "KI" or "KIB" => 1024d,
            "M" or "MB" or "MI" or "MIB" => 1024d * 1024,
            "G" or "GB" or "GI" or "GIB" => 1024d * 1024 * 1024,
            "T" or "TB" or "TI" or "TIB" => 1024d * 1024 * 1024 * 1024,
            _ => 0,
        };
        return multiplier > 0;
    }

    /// <summary>Formats bytes for people: <c>1.5 MB</c>.</summary>
    public static string Format(double bytes)
    {
        var abs = Math.Abs(bytes);
        return abs switch
        {
            >= 1024d * 1024 * 1024 => $"{bytes / (1024d * 1024 * 1024):0.##} GB",
            >= 1024d * 1024 => $"{bytes / (1024d * 1024):0.#} MB",
            >= 1024d => $"{bytes / 1024d:0.#} KB",
            _ => $"{bytes:0} B",
        };
    }
}
