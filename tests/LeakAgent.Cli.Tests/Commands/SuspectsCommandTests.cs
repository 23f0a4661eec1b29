using System.Text.Json;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Commands;

public class SuspectsCommandTests
{
    private static readonly Lazy<Task<CliResult>> s_text = new(() => LeakAgentCli.RunInProcessAsync("suspects", TestPaths.SeedsGcDump));

    [Fact]
    public async Task Suspects_SeedsFixture_NamesStaticFieldWithChainDownToTheFiftyThousandElementArray()
    {
        var result = await s_text.Value;
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        int title = Array.FindIndex(lines, l => l.Contains(". [static var LeakFixture.NameValidator.Name]  retains", StringComparison.Ordinal));
        Assert.True(title > 0, result.Output);

        // The chain, one step per line, each indented deeper: root group, field, holder, list, array.
        string[] expected =
        [
            "[static vars]",
            "└→ [static var LeakFixture.NameValidator.Name]",
            "└→ LeakFixture.NameValidator  (24 B, retains 512 KB)",
            "└→ System.Collections.Generic.List<System.String>  (32 B, retains 512 KB)",
            "└→ System.String[] (Bytes > 100K)  (512 KB, retains 512 KB, 50,000 references  ◀ the bytes accumulate here)",
        ];
        int previousIndent = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            string line = lines[title + 1 + i];
            Assert.Equal(expected[i], line.Trim());
            int indent = line.Length - line.TrimStart().Length;
            Assert.True(indent > previousIndent, $"step {i} is not indented deeper: '{line}'");
            previousIndent = indent;
        }
    }

    [Fact]
    public async Task Suspects_SeedsFixture_GroupsPendingSaveMemberAsyncAsRetainingMembers()
    {
        var result = await s_text.Value;
        var lines = result.Output.Split('\n');
        int group = Array.FindIndex(lines, l => l.Contains("LeakFixture.MemberStore.SaveMemberAsync  2,000 pending", StringComparison.Ordinal));
        Assert.True(group > 0, result.Output);
        var retains = lines.Skip(group).SkipWhile(l => !l.Contains("retains (only through these operations)", StringComparison.Ordinal)).Take(6).ToList();
        Assert.Contains(retains, l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).SequenceEqual(["1,999", "62.5 KB", "LeakFixture.Member"]));
    }

    [Fact]
    public async Task Suspects_SeedsFixtureJson_GivesPathsWithSizesAndPendingGroup()
    {
        var result = await LeakAgentCli.RunInProcessAsync("suspects", TestPaths.SeedsGcDump, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var validator = json.RootElement.GetProperty("retainers").EnumerateArray()
            .Single(r => r.GetProperty("title").GetString() == "[static var LeakFixture.NameValidator.Name]");
        Assert.Equal("System.String[] (Bytes > 100K)", validator.GetProperty("accumulationType").GetString());
        Assert.Equal(50_000, validator.GetProperty("accumulationReferences").GetInt32());
        var path = validator.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(524_312, path[^1].GetProperty("bytes").GetInt64());
        Assert.Equal("[.NET Roots]", path[0].GetProperty("name").GetString());

        var pending = Assert.Single(json.RootElement.GetProperty("pendingAsync").EnumerateArray());
        Assert.Equal("LeakFixture.MemberStore.SaveMemberAsync", pending.GetProperty("method").GetString());
        Assert.Equal(2_000, pending.GetProperty("count").GetInt32());
        var member = pending.GetProperty("retainedTypes").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "LeakFixture.Member");
        Assert.Equal(1_999, member.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Suspects_BaselineOfItself_ReportsNoGrowth()
    {
        var result = await LeakAgentCli.RunInProcessAsync("suspects", TestPaths.SeedsGcDump, "--baseline", TestPaths.SeedsGcDump, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.All(json.RootElement.GetProperty("growth").EnumerateArray(), g => Assert.Equal(0, g.GetProperty("bytesDelta").GetInt64()));
        Assert.Equal(2_000, json.RootElement.GetProperty("pendingAsync")[0].GetProperty("baselineCount").GetInt32());
    }

    [Fact]
    public async Task Suspects_LongChain_ShowsHeadAndTailWithGapLine()
    {
        using var directory = new TempDirectory();
        SyntheticDumps.WriteLinkedList(directory.File("list.gcdump"), 200);

        var result = await LeakAgentCli.RunInProcessAsync("suspects", directory.File("list.gcdump"), "--top", "1");
        Assert.Equal(0, result.ExitCode);
        var chain = result.Output.Split('\n').SkipWhile(l => !l.StartsWith(" 1. [static var Shop.Node.s_head]", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(15, chain.Count);
        Assert.Equal("[static vars]", chain[0].Trim());
        Assert.Matches(@"^\s+… [\d,]+ more steps …$", chain[7]);
        Assert.Contains("◀ the bytes accumulate here", chain[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspectsJson_MillionNodeLinkedList_PathIsElidedAsInTheText_OutputStaysSmall()
    {
        using var directory = new TempDirectory();
        const int length = 1_000_000;
        SyntheticDumps.WriteLinkedList(directory.File("list.gcdump"), length);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await LeakAgentCli.RunInProcessAsync("suspects", directory.File("list.gcdump"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:0} s");
        Assert.True(result.Output.Length < 64 * 1024, $"{result.Output.Length} characters of JSON");

        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var retainer = json.RootElement.GetProperty("retainers")[0];
        // [.NET Roots] → [static vars] → [static var …] → nearly the whole list: the bytes accumulate a few nodes
        // before its end (where no next node holds 80 % of what is left).
        int pathLength = retainer.GetProperty("pathLength").GetInt32();
        Assert.InRange(pathLength, length - 10, length + 3);
        var path = retainer.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(16, path.Count);
        Assert.Equal(pathLength - 15, path[8].GetProperty("elidedSteps").GetInt32());
        Assert.Equal("Shop.Node", path[^1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Suspects_Folder_ExplainsTheNewestDump()
    {
        using var directory = new TempDirectory();
        SyntheticDumps.WriteLinkedList(directory.File("old.gcdump"), 20);
        File.Copy(TestPaths.SeedsGcDump, directory.File("new.gcdump"));
        // File.Copy keeps the fixture's own time, which may be anything: set both.
        File.SetLastWriteTimeUtc(directory.File("old.gcdump"), DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(directory.File("new.gcdump"), DateTime.UtcNow);

        var result = await LeakAgentCli.RunInProcessAsync("suspects", directory.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("new.gcdump: 1.5 MB (1,527,232 bytes)", result.Output, StringComparison.Ordinal);
    }
}
