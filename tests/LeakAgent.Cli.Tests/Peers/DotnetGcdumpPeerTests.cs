using System.Globalization;
using System.Text.Json;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Peers;

/// <summary>
/// dotnet-gcdump as a peer, both ways, on dumps of one live process: its dump read by our reader and ours read by its
/// <c>report</c> must agree on the heap bytes, the object count and every type's count.
/// </summary>
public sealed class DotnetGcdumpPeerTests : IClassFixture<DotnetGcdumpPeerTests.Dumps>
{
    private readonly Dumps _dumps;

    public DotnetGcdumpPeerTests(Dumps dumps) => _dumps = dumps;

    [RequiresDotnetGcdumpFact]
    public async Task TheirDump_ReadByOurReader_SameHeapBytesObjectsAndTypeCounts()
    {
        var dumps = await _dumps.Value;
        await AssertSameReadingAsync(dumps.Theirs);
    }

    [RequiresDotnetGcdumpFact]
    public async Task OurDump_ReadByTheirReport_SameHeapBytesObjectsAndTypeCounts()
    {
        var dumps = await _dumps.Value;
        await AssertSameReadingAsync(dumps.Ours);

        // The dump is of a process holding 20,000 distinctive records: both readers must see all of them.
        var theirs = UpstreamReport.ParseText(await DotnetGcdumpTool.ReportAsync(dumps.Ours));
        Assert.Equal(Dumps.Records, theirs.Where(r => r.Type == "GrowingTarget.LeakedRecord").Sum(r => r.Count));
    }

    [RequiresDotnetGcdumpFact]
    public async Task OurRewriteOfTheirFixture_ReadByTheirReport_SameAsTheOriginal()
    {
        using var directory = new TempDirectory();
        var rewritten = directory.File("seeds-rewritten.gcdump");
        LeakAgent.Snapshots.Format.GcDumpWriter.Write(LeakAgent.Snapshots.Format.GcDumpReader.Read(TestPaths.SeedsGcDump), rewritten);

        var original = await DotnetGcdumpTool.ReportAsync(TestPaths.SeedsGcDump);
        var again = await DotnetGcdumpTool.ReportAsync(rewritten);
        Assert.Equal(UpstreamReport.HeapBytes(original), UpstreamReport.HeapBytes(again));
        Assert.Equal(CountsByType(UpstreamReport.ParseText(original)), CountsByType(UpstreamReport.ParseText(again)));
        await AssertSameReadingAsync(rewritten);
    }

    private static async Task AssertSameReadingAsync(string dump)
    {
        var upstreamText = await DotnetGcdumpTool.ReportAsync(dump);
        var upstream = CountsByType(UpstreamReport.ParseText(upstreamText));

        var json = await LeakAgentCli.RunInProcessAsync("report", dump, "--format", "json", "--top", "1");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var csv = await LeakAgentCli.RunInProcessAsync("report", dump, "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var ours = CsvReader.Parse(csv.Output).Skip(1)
            .GroupBy(r => (Type: r[0], Module: Path.GetFileName(r[1])))
            .ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)));

        Assert.Equal(UpstreamReport.HeapBytes(upstreamText), document.RootElement.GetProperty("totalBytes").GetInt64());
        Assert.Equal(upstream.Values.Sum(), document.RootElement.GetProperty("objectCount").GetInt32());
        Assert.True(upstream.Count > 50, $"only {upstream.Count} types in dotnet-gcdump's report of {dump}");
        Assert.Equal(upstream.Keys.Order(), ours.Keys.Order());
        foreach (var (key, count) in upstream)
        {
            Assert.True(ours[key] == count, $"{key}: dotnet-gcdump {count}, ours {ours[key]}");
        }
    }

    private static SortedDictionary<(string Type, string Module), int> CountsByType(IEnumerable<UpstreamReportRow> rows) =>
        new(rows.GroupBy(r => (r.Type, r.Module)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)));

    /// <summary>One GrowingTarget holding <see cref="Records"/> records, dumped once by each tool.</summary>
    public sealed class Dumps : IDisposable
    {
        public const int Records = 20_000;

        private readonly TempDirectory _directory = new();

        public Dumps() => Value = CollectAsync();

        public Task<(string Theirs, string Ours)> Value { get; }

        public void Dispose() => _directory.Dispose();

        private async Task<(string Theirs, string Ours)> CollectAsync()
        {
            if (!DotnetGcdumpTool.IsInstalled)
            {
                throw new InvalidOperationException(DotnetGcdumpTool.MissingMessage);
            }

            using var target = await GrowingTargetProcess.StartAsync();
            await target.GrowAsync(Records);
            var theirs = _directory.File("theirs.gcdump");
            var ours = _directory.File("ours.gcdump");

            // The first heap walk in a process sees only a few hundred objects, with either tool (measured: 248
            // objects / 69,008 bytes from GrowingTarget both times, then 3,704 on the next walk): a throwaway walk
            // first, so that both dumps compared are of the whole heap.
            await DotnetGcdumpTool.CollectAsync(target.Id, _directory.File("warm-up.gcdump"));
            await DotnetGcdumpTool.CollectAsync(target.Id, theirs);
            var collected = await LeakAgentCli.RunInProcessAsync("collect", "-p", target.Id.ToString(CultureInfo.InvariantCulture), "-o", ours);
            Assert.True(collected.ExitCode == 0, $"leakagent collect failed ({collected.ExitCode}): {collected.Error}");
            return (theirs, ours);
        }
    }
}
