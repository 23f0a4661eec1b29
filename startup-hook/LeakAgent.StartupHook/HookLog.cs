namespace LeakAgent.StartupHook;

/// <summary>
/// The hook's self-log: one <c>[leakagent]</c>-prefixed line to stderr, a file, or nowhere. Never to stdout,
/// which belongs to the app. On stderr the UTC time of day follows the prefix, as in the agent's self-log.
/// </summary>
internal static class HookLog
{
    private static readonly object s_gate = new();

    public static void Write(string target, string message)
    {
        var line = $"[leakagent] {message}";
#pragma warning disable CA1031 // Logging must never be the thing that breaks the app.
        try
        {
            lock (s_gate)
            {
                if (string.Equals(target, "off", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var timed = $"[leakagent] {DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)}Z {message}";
                if (string.Equals(target, "stderr", StringComparison.OrdinalIgnoreCase))
                {
                    Console.Error.WriteLine(timed);
                    return;
                }

                try
                {
                    File.AppendAllText(target, $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    // The agent says once that the file cannot be written; the hook's few lines go to stderr.
                    Console.Error.WriteLine(timed);
                }
            }
        }
        catch
        {
            // Nowhere left to report to.
        }
#pragma warning restore CA1031
    }
}
