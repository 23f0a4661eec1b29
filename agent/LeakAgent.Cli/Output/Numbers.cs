using System.Globalization;

namespace LeakAgent.Cli.Output;

/// <summary>Number formatting shared by the text outputs: invariant culture, so output is the same on every machine.</summary>
internal static class Numbers
{
    private static readonly string[] s_units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>A count with thousands separators: <c>50,000</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A signed count: <c>+1,000</c>, <c>-3</c>, <c>0</c>.</summary>
    public static string SignedCount(long value) => (value > 0 ? "+" : string.Empty) + Count(value);

    /// <summary>Bytes for people: <c>824 B</c>, <c>1.5 MB</c> (powers of 1024).</summary>
    public static string Bytes(long value)
    {
        double scaled = Math.Abs((double)value);
        int unit = 0;
        while (scaled >= 1024 && unit < s_units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }

        string sign = value < 0 ? "-" : string.Empty;
        return unit == 0
            ? sign + scaled.ToString("0", CultureInfo.InvariantCulture) + " B"
            : sign + scaled.ToString(scaled >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + s_units[unit];
    }

    /// <summary>Signed bytes for people: <c>+1.5 MB</c>.</summary>
    public static string SignedBytes(long value) => (value > 0 ? "+" : string.Empty) + Bytes(value);

    /// <summary>A share as a percentage: <c>62.1 %</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
