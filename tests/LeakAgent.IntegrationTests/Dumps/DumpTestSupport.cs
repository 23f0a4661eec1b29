using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Dumps;

/// <summary>What the dump tests share: test-sized settings, waiting for files, and reading the sample's progress.</summary>
internal static class DumpTestSupport
{
    /// <summary>The sample app the dump tests run under the hook.</summary>
    public const string LeakingApp = "SeedFireAndForget";

    /// <summary>
    /// Settings that make the heap detector decide within seconds (a short window, fast polling) and write dumps to
    /// <paramref name="dumpDirectory"/>; a 10-minute cooldown unless a test sets its own.
    /// </summary>
    public static Dictionary<string, string?> Settings(OtlpTestReceiver receiver, string dumpDirectory)
    {
        var settings = TestAgentSettings.ShortWindows(receiver);
        settings["LEAKAGENT_DUMP_DIR"] = dumpDirectory;
        settings["LEAKAGENT_DUMP_COOLDOWN"] = "10m";
        return settings;
    }

    /// <summary>The request count of SeedFireAndForget's last progress line ("12s: 24008 requests, …").</summary>
    public static long ServedSoFar(string stdout)
    {
        var last = stdout.Split('\n').LastOrDefault(l => l.Contains(" requests,", StringComparison.Ordinal));
        if (last is null)
        {
            return 0;
        }

        var start = last.IndexOf(": ", StringComparison.Ordinal) + 2;
        var end = last.IndexOf(" requests", StringComparison.Ordinal);
        return long.Parse(last[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    /// <summary>The first file in <paramref name="directory"/> matching <paramref name="pattern"/>, or null after the timeout.</summary>
    public static async Task<string?> WaitForFileAsync(string directory, string pattern, TimeSpan timeout)
    {
        string? found = null;
        await WaitUntilAsync(() => (found = Directory.Exists(directory) ? Directory.GetFiles(directory, pattern).FirstOrDefault() : null) is not null, timeout);
        return found;
    }

    /// <summary>Waits until the agent has exported a <c>leakagent.gcdump.count</c> point with this outcome.</summary>
    public static Task<ReceivedMetric?> WaitForOutcomeAsync(OtlpTestReceiver receiver, string outcome, TimeSpan timeout) =>
        receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.count" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == outcome), timeout);

    /// <summary>The self-log lines (stderr) that contain <paramref name="text"/>.</summary>
    public static List<string> LinesWith(string stderr, string text) =>
        stderr.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToList();
}
