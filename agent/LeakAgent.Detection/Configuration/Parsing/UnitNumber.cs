using System.Globalization;

namespace LeakAgent.Detection.Configuration.Parsing;

/// <summary>Splits <c>"12.5MB"</c> into <c>12.5</c> and <c>"MB"</c>.</summary>
internal static class UnitNumber
{
    public static bool TrySplit(string text, out double number, out string unit)
    {
        number = 0;
        unit = string.Empty;
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(trimmed.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        unit = trimmed[end..].Trim();
        return !double.IsNaN(number) && !double.IsInfinity(number);
    }
}
