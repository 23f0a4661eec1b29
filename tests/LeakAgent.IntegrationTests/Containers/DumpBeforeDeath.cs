using System.Text.Json;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Containers;

/// <summary>
/// One cell of the memory-limit matrix: the same leak, in two cgroups of the same limit, run side by side, one
/// with the agent on defaults (only the hook and a dump folder) and one without. The agent's run must leave a
/// complete dump and a report naming the leak, written before it died, and die no earlier and no lower than the
/// run without it.
/// </summary>
internal static class DumpBeforeDeath
{
    /// <summary>The agent's run may get this much less far: its own managed memory (the summary, its detectors' state)
    /// comes out of the same GC limit. Measured: 0-1 % at 256 MB.</summary>
    public const double Tolerance = 0.93;

    /// <param name="tolerance">How far the agent's run may fall short of the run without it (see <see cref="Tolerance"/>).</param>
    public static async Task AssertAsync(long limitBytes, long leakBytesPerSecond, int recordBytes, TimeSpan timeout, IDictionary<string, string?>? extraEnvironment = null, double tolerance = Tolerance)
    {
        using var dumps = new ScratchDirectory("leakagent-matrix-");
        using var withoutCgroup = MemoryCgroup.Create("without", limitBytes);
        using var withCgroup = MemoryCgroup.Create("with", limitBytes);
        var plain = new Dictionary<string, string?>(extraEnvironment ?? new Dictionary<string, string?>());
        var agent = LeakRun.AgentDefaults(dumps.Path);
        foreach (var (key, value) in plain)
        {
            agent[key] = value;
        }

        var withoutRun = LeakRun.UntilDeathAsync(withoutCgroup, leakBytesPerSecond, recordBytes, plain, timeout);
        var withRun = LeakRun.UntilDeathAsync(withCgroup, leakBytesPerSecond, recordBytes, agent, timeout);
        var without = await withoutRun;
        var with = await withRun;
        var context = $"without the agent: {without}\nwith the agent: {with}\nagent's stderr:\n{with.Stderr}";

        Assert.True(without.ExitCode != 0, "the leak must kill the app without the agent\n" + context);
        var written = with.Stderr.Split('\n').FirstOrDefault(l => l.Contains("gcdump written: ", StringComparison.Ordinal));
        Assert.True(written is not null, "the agent must write a dump before the app dies\n" + context);

        var dump = Assert.Single(Directory.GetFiles(dumps.Path, "*.gcdump"));
        Assert.Empty(Directory.GetFiles(dumps.Path, ".*"));
        var graph = GcDumpReader.Read(dump).Graph;
        var records = Enumerable.Range(0, graph.NodeCount).Count(n => graph.GetNodeTypeName(n) == "ContainerLeakTarget.SessionRecord");
        Assert.True(records > 10_000, $"the dump must hold the leaked records, found {records}\n" + context);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(dump, ".json")));
        var namesLeak = report.RootElement.GetProperty("retainers").EnumerateArray().Take(3)
            .Any(r => r.GetProperty("root").GetString()!.Contains("SessionCache.Sessions", StringComparison.Ordinal))
            || report.RootElement.GetProperty("topGrowingTypes").EnumerateArray().Take(5)
            .Any(t => t.GetProperty("type").GetString() == "ContainerLeakTarget.SessionRecord");
        Assert.True(namesLeak, "the report must name the leak (its retainer or its type)\n" + report.RootElement.GetRawText()[..Math.Min(3000, report.RootElement.GetRawText().Length)]);

        Assert.True(with.ExitCode == without.ExitCode, "the agent must not change how the app dies (134: the runtime's out-of-memory, 137: the kernel's OOM kill)\n" + context);
        Assert.True(with.LeakedBytes >= without.LeakedBytes * tolerance, "the app must not die at a lower memory level with the agent\n" + context);
        Assert.True(with.Seconds >= without.Seconds * tolerance, "the app must not die earlier with the agent\n" + context);
    }
}
