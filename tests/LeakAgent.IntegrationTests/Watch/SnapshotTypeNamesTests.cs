using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Watch;

/// <summary>
/// Snapshots taken while <c>leakagent watch</c> holds its long EventPipe session on the process keep their type
/// names: the runtime's "types already logged" table is reset around every heap session (TypeTableFlush).
/// </summary>
public sealed class SnapshotTypeNamesTests
{
    private const string LeakedType = "Softwerkskammer.Members.Member";

    [Fact]
    public async Task TwoCollects10sApart_WhileTheWatchIsAttached_BothNameTheirTypes()
    {
        var (session, pid) = await WatchSession.StartOnLeakingAppAsync();
        using var disposing = session;

        // The watch's own dump first (its session stays open across it), then two collects 10 s apart.
        Assert.Equal(202, (await session.PostAsync(WatchSession.Notification(("pid", pid)), WatchSession.Token)).Status);
        var watchDump = await session.WaitForFileAsync("*.gcdump", TimeSpan.FromSeconds(90));
        Assert.True(watchDump is not null, "no dump after the alert; output:\n" + session.Output);
        AssertNamed(watchDump);

        var first = await CollectAsync(pid, session.Dumps, "first.gcdump");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var second = await CollectAsync(pid, session.Dumps, "second.gcdump");
        AssertNamed(first);
        AssertNamed(second);
    }

    private static async Task<string> CollectAsync(string pid, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        using var collect = InstrumentedProcess.Start(RepoPaths.Cli, ["collect", "-p", pid, "-o", path], new Dictionary<string, string?>(), withHook: false);
        var exit = await collect.WaitForExitAsync(TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, $"collect exited {exit}:\n{collect.StandardOutput}{collect.StandardError}");
        return path;
    }

    private static void AssertNamed(string dump)
    {
        var types = TypeHistogram.Compute(GcDumpReader.Read(dump).Graph);
        var unnamed = types.Where(t => t.TypeName.StartsWith("UNKNOWN ", StringComparison.Ordinal)).Sum(t => t.Count);
        Assert.True(unnamed == 0, $"{Path.GetFileName(dump)}: {unnamed} objects without a type name");
        Assert.Contains(types, t => t.TypeName == "System.String" && t.Count > 100);
        Assert.Contains(types, t => t.TypeName == LeakedType && t.Count >= 100);
    }
}
