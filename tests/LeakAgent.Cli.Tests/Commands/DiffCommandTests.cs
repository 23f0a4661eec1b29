using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Commands;

public class DiffCommandTests
{
    [Fact]
    public async Task Diff_TwoCollectedSnapshotsOfGrowingProcess_PutsLeakedTypeFirst()
    {
        using var directory = new TempDirectory();
        using var target = await GrowingTargetProcess.StartAsync();
        await target.GrowAsync(1_000);
        var before = await LeakAgentCli.RunInProcessAsync("collect", "-p", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", directory.File("before.gcdump"));
        Assert.True(before.ExitCode == 0, before.ToString());
        await target.GrowAsync(20_000);
        var after = await LeakAgentCli.RunInProcessAsync("collect", "-p", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", directory.File("after.gcdump"));
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("Wrote " + directory.File("after.gcdump"), after.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp-*"));

        var diff = await LeakAgentCli.RunInProcessAsync("diff", directory.File("before.gcdump"), directory.File("after.gcdump"), "--format", "csv", "--top", "3");
        Assert.Equal(0, diff.ExitCode);
        var rows = CsvReader.Parse(diff.Output);
        Assert.Equal(["type", "count_before", "count_after", "count_delta", "bytes_before", "bytes_after", "bytes_delta"], rows[0]);

        // Each record holds a 64-byte payload array, so byte[] grows as much in count and more in bytes: the two
        // lead, the records exactly +20,000, the arrays about that. The runtime has a few of its own, in both
        // directions: the first snapshot of a process also holds ~60 byte[] of the runtime's EventSource
        // bookkeeping that the type-flush session's runtime provider brings (measured: 1,061 = 1,000 + 61 before,
        // 21,001 after, then stable), gone by the second.
        var top = rows.Skip(1).Take(2).ToDictionary(r => r[0], r => r);
        Assert.Equal(["1000", "21000", "20000"], top["GrowingTarget.LeakedRecord"][1..4]);
        Assert.InRange(int.Parse(top["System.Byte[]"][3], System.Globalization.CultureInfo.InvariantCulture), 19_900, 21_000);
    }

    [Fact]
    public async Task Diff_SynthesizedDumps_PutsGrownTypeFirstWithExactDeltas()
    {
        using var directory = new TempDirectory();
        SyntheticDumps.WriteShop(directory.File("before.gcdump"), orders: 100);
        SyntheticDumps.WriteShop(directory.File("after.gcdump"), orders: 5_100);

        var diff = await LeakAgentCli.RunInProcessAsync("diff", directory.File("before.gcdump"), directory.File("after.gcdump"), "--format", "csv");
        Assert.Equal(0, diff.ExitCode);
        var rows = CsvReader.Parse(diff.Output).Skip(1).ToList();
        Assert.Equal(["Shop.Order", "100", "5100", "5000", "4800", "244800", "240000"], rows[0]);
        Assert.Equal("0", rows.Single(r => r[0] == "System.String")[6]);

        // The 100-slot array (824 bytes) became a 5,100-slot one, which gcdump names by size: "gone" in the diff.
        Assert.Equal(["System.Object[]", "1", "0", "-1", "824", "0", "-824"], rows[^1]);
    }

    [Fact]
    public async Task Diff_Text_ShowsSignedDeltasAndTotalGrowth()
    {
        using var directory = new TempDirectory();
        SyntheticDumps.WriteShop(directory.File("before.gcdump"), orders: 10);
        SyntheticDumps.WriteShop(directory.File("after.gcdump"), orders: 1_010);

        var diff = await LeakAgentCli.RunInProcessAsync("diff", directory.File("before.gcdump"), directory.File("after.gcdump"));
        var lines = diff.Output.Split('\n');
        Assert.Equal("growth: +54.7 KB", lines[2]);
        Assert.Equal(["+1,000", "+48,000", "10", "1,010", "48,480", "Shop.Order"], lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
