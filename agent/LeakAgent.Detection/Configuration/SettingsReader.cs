using System.Collections;
using System.Globalization;
using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Detection.Configuration;

/// <summary>
/// Reads typed settings from environment-style key/value pairs. A bad value gets one log line naming the
/// variable, the bad value and the default used — and the default; never an exception.
/// </summary>
internal sealed class SettingsReader
{
    private readonly IReadOnlyDictionary<string, string?> _values;
    private readonly Action<string> _warn;

    /// <summary>Reads from the given values (tests inject them).</summary>
    /// <param name="values">Environment-style keys and values.</param>
    /// <param name="warn">Where the line about a bad value goes: the agent's self-log, or the watch's logger.</param>
    public SettingsReader(IReadOnlyDictionary<string, string?> values, Action<string> warn)
    {
        _values = values;
        _warn = warn;
    }

    /// <summary>A snapshot of the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentSnapshot()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    /// <summary>The raw trimmed value, or null when unset or blank.</summary>
    public string? GetString(string key)
    {
        return _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    public bool GetBool(string key, bool defaultValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        switch (text.ToUpperInvariant())
        {
            case "TRUE" or "1" or "ON" or "YES":
                return true;
            case "FALSE" or "0" or "OFF" or "NO":
                return false;
            default:
                return Reject(key, text, "on/off or true/false", defaultValue ? "on" : "off", defaultValue);
        }
    }

    public TimeSpan GetDuration(string key, TimeSpan defaultValue, TimeSpan minimum)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!DurationParser.TryParse(text, out var value))
        {
            return Reject(key, text, DurationParser.Expected, DurationParser.Format(defaultValue), defaultValue);
        }

        return value < minimum
            ? Reject(key, text, $"at least {DurationParser.Format(minimum)}", DurationParser.Format(defaultValue), defaultValue)
            : value;
    }

    public long GetSize(string key, long defaultValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return SizeParser.TryParse(text, out var value) && value > 0
            ? value
            : Reject(key, text, SizeParser.Expected, SizeParser.Format(defaultValue), defaultValue);
    }

    /// <summary>
    /// A size that has no fixed default (null when unset or bad): <paramref name="whenUnset"/> says what happens then,
    /// for the bad-value line, e.g. "automatic (sized from the heap)".
    /// </summary>
    public long? GetOptionalSize(string key, string whenUnset)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        return SizeParser.TryParse(text, out var value) && value > 0
            ? value
            : Reject<long?>(key, text, SizeParser.Expected, whenUnset, null);
    }

    public double GetRate(string key, double defaultBytesPerSecond)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultBytesPerSecond;
        }

        return RateParser.TryParse(text, out var value) && value > 0
            ? value
            : Reject(key, text, RateParser.Expected, RateParser.Format(defaultBytesPerSecond), defaultBytesPerSecond);
    }

    public double GetDouble(string key, double defaultValue, double minimum, double maximum)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : Reject(key, text, $"a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}", defaultValue.ToString(CultureInfo.InvariantCulture), defaultValue);
    }

    public int GetInt(string key, int defaultValue, int minimum, int maximum)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : Reject(key, text, $"a whole number from {minimum} to {maximum}", defaultValue.ToString(CultureInfo.InvariantCulture), defaultValue);
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), returned in lower case.</summary>
    public string GetChoice(string key, string defaultValue, params string[] choices)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        return Reject(key, text, "one of " + string.Join(", ", choices), defaultValue, defaultValue);
    }

    /// <summary>A comma-separated list, blanks dropped.</summary>
    public IReadOnlyList<string> GetList(string key)
    {
        var text = GetString(key);
        return text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A line about a setting that is not one value's parse (a destination that names no storage).</summary>
    public void Warn(string message) => _warn(message);

    private T Reject<T>(string key, string text, string expected, string shownDefault, T defaultValue)
    {
        _warn($"{key}='{Shorten(text)}' is not {expected}; using the default {shownDefault}");
        return defaultValue;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
