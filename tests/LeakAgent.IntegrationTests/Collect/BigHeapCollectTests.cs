using System.Diagnostics;
using System.Globalization;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Collect;

#pragma warning disable CA1416 // The integration tests run on Linux (file modes).

/// <summary>
/// <c>leakagent collect</c> with its defaults on a heap far bigger than a fixed 256 MB event buffer holds (8M
/// objects stream ~400 MB of events): the buffer is sized from the process, the walk arrives whole. The one
/// big-heap test of the suite (about 1 GB of memory and half a minute on two cores).
/// </summary>
public sealed class BigHeapCollectTests
{
    private const int FillerObjects = 8_000_000;

    [Fact]
    public async Task Collect_On8MObjectHeap_SigtermMidWalkIs130WithoutFile_ThenSucceedsWithDefaults_FileIsPrivate()
    {
        using var target = InstrumentedProcess.Start(
            RepoPaths.TestTargetDll("HeapTarget"),
            ["--filler", FillerObjects.ToString(CultureInfo.InvariantCulture), "--leaked", "1000", "--pending", "10"],
            new Dictionary<string, string?>(),
            withHook: false);
        Assert.True(await target.WaitForOutputAsync("ready", TimeSpan.FromSeconds(120)), "HeapTarget not ready:\n" + target.StandardError);

        using var scratch = new ScratchDirectory("leakagent-bigheap-");
        Directory.CreateDirectory(scratch.Path);
        var pid = target.Id.ToString(CultureInfo.InvariantCulture);

        // SIGTERM in the middle of the walk: interrupted (130) with one [ERROR] line, and no file at all.
        var interrupted = Path.Combine(scratch.Path, "interrupted.gcdump");
        using (var cancelled = InstrumentedProcess.Start(RepoPaths.Cli, ["collect", "-p", pid, "-o", interrupted, "--progress"], new Dictionary<string, string?>(), withHook: false))
        {
            Assert.True(await cancelled.WaitForOutputAsync("objects seen", TimeSpan.FromSeconds(120)), "no progress:\n" + cancelled.StandardError);
            cancelled.Terminate();
            Assert.Equal(130, await cancelled.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Single(cancelled.StandardError.Split('\n'), line => line.StartsWith("[ERROR] ", StringComparison.Ordinal));
            Assert.Empty(Directory.GetFiles(scratch.Path));
        }

        var path = Path.Combine(scratch.Path, "big.gcdump");
        var stopwatch = Stopwatch.StartNew();
        using var collect = InstrumentedProcess.Start(RepoPaths.Cli, ["collect", "-p", pid, "-o", path, "--timeout", "300"], new Dictionary<string, string?>(), withHook: false);
        var exit = await collect.WaitForExitAsync(TimeSpan.FromSeconds(360));
        Assert.True(exit == 0, $"collect exited {exit} after {stopwatch.Elapsed.TotalSeconds:0} s:\n{collect.StandardOutput}{collect.StandardError}");

        var graph = GcDumpReader.Read(path).Graph;
        Assert.True(graph.NodeCount >= FillerObjects, $"only {graph.NodeCount} nodes");
        var fillerType = Enumerable.Range(0, graph.TypeCount).Single(t => graph.GetTypeName(t) == "HeapTarget.FillerNode");
        var fillers = 0;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            fillers += graph.GetTypeIndex(node) == fillerType ? 1 : 0;
        }

        Assert.Equal(FillerObjects, fillers);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
