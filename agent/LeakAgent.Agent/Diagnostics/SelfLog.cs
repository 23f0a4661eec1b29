using System.Collections.Concurrent;

namespace LeakAgent.Agent.Diagnostics;

/// <summary>
/// The agent's opt-out self-log: each line prefixed <c>[leakagent]</c>, to stderr (default), a file, or nowhere.
/// Every line is also written to the <see cref="LeakAgentEventSource"/> so it can be traced without stderr.
/// On stderr the prefix is followed by the UTC time of day (<c>[leakagent] 10:42:13.125Z …</c>): the app's own
/// lines around it rarely say when, and a slope or a dump means little without it. The file gets a full timestamp.
/// </summary>
/// <remarks>Reads <c>LEAKAGENT_LOG</c> (stderr | off | a file path) when the agent starts. Never writes to stdout,
/// which belongs to the app.</remarks>
internal static class SelfLog
{
    private static readonly object s_gate = new();
    private static readonly ConcurrentDictionary<string, byte> s_onceKeys = new(StringComparer.Ordinal);
    private static string s_target = "stderr";

    /// <summary>Where lines go: <c>stderr</c>, <c>off</c>, or a file path.</summary>
    public static string Target
    {
        get => s_target;
        set => s_target = string.IsNullOrWhiteSpace(value) ? "stderr" : value.Trim();
    }

    /// <summary>Test hook: when set, lines go here instead of <see cref="Target"/>, without the time.</summary>
    public static Action<string>? Sink { get; set; }

    /// <summary>The clock for the stderr lines' time (tests set a fake one).</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>A stderr line: <c>[leakagent] HH:mm:ss.fffZ message</c>.</summary>
    public static string FormatForStderr(DateTimeOffset now, string message) =>
        "[leakagent] " + now.UtcDateTime.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "Z " + message;

    /// <summary>Writes one line.</summary>
    public static void Write(string message)
    {
        var line = "[leakagent] " + message;
#pragma warning disable CA1031 // Logging must never be what breaks the app.
        try
        {
            LeakAgentEventSource.Log.Message(message);
            var sink = Sink;
            if (sink is not null)
            {
                sink(line);
                return;
            }

            var target = s_target;
            if (string.Equals(target, "off", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            lock (s_gate)
            {
                if (string.Equals(target, "stderr", StringComparison.OrdinalIgnoreCase))
                {
                    Console.Error.WriteLine(FormatForStderr(Clock.GetUtcNow(), message));
                }
                else if (!TryAppend(target, line))
                {
                    // The file cannot be written: say so once on stderr and keep logging there.
                    s_target = "stderr";
                    var now = Clock.GetUtcNow();
                    Console.Error.WriteLine(FormatForStderr(now, $"LEAKAGENT_LOG='{target}' cannot be written; logging to stderr instead"));
                    Console.Error.WriteLine(FormatForStderr(now, message));
                }
            }
        }
        catch
        {
            // Nowhere left to report to.
        }
#pragma warning restore CA1031
    }

    private static bool TryAppend(string path, string line)
    {
        try
        {
            File.AppendAllText(path, $"{Clock.GetUtcNow().UtcDateTime:O} {line}{Environment.NewLine}");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Writes a line the first time <paramref name="key"/> is seen, so a repeating fault logs once.</summary>
    public static void WriteOnce(string key, string message)
    {
        if (s_onceKeys.TryAdd(key, 0))
        {
            Write(message);
        }
    }

    /// <summary>Forgets which once-keys were seen (tests).</summary>
    internal static void ResetOnce() => s_onceKeys.Clear();
}
