using System.Globalization;
using System.Text.Json;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Commands;

public class ReportCommandTests
{
    [Fact]
    public async Task Report_SeedsFixture_CountsMatchUpstreamForEveryType()
    {
        var result = await LeakAgentCli.RunInProcessAsync("report", TestPaths.SeedsGcDump, "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        var rows = CsvReader.Parse(result.Output);
        Assert.Equal(["type", "module", "count", "bytes", "retained_bytes"], rows[0]);

        // Upstream names the module by file name; a type name can repeat across modules, so key by both.
        var ours = rows.Skip(1)
            .GroupBy(r => (Type: r[0], Module: Path.GetFileName(r[1])))
            .ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)));
        var upstream = UpstreamReport.Parse(TestPaths.SeedsReport)
            .GroupBy(r => (r.Type, r.Module))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

        Assert.Equal(99, upstream.Count);
        Assert.Equal(8_645, upstream.Values.Sum());
        Assert.Equal(upstream.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal), ours.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal));
        foreach (var (key, count) in upstream)
        {
            Assert.True(ours[key] == count, $"{key}: upstream {count}, ours {ours[key]}");
        }
    }

    [Fact]
    public async Task Report_SeedsFixtureText_ShowsTotalsAndBiggestTypeFirst()
    {
        var result = await LeakAgentCli.RunInProcessAsync("report", TestPaths.SeedsGcDump, "--top", "3");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("1,527,232 bytes", lines[0], StringComparison.Ordinal);
        Assert.Contains("8,645 objects", lines[0], StringComparison.Ordinal);
        Assert.Equal(["Count", "Bytes", "Retained", "Type"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1 + 1 + 3, lines.Length);
        Assert.EndsWith("System.Byte[]  [System.Private.CoreLib.dll]", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_JsonSortedByRetained_PutsSaveMemberAsyncBoxesAmongTopAndTotalsMatch()
    {
        var result = await LeakAgentCli.RunInProcessAsync("report", TestPaths.SeedsGcDump, "--format", "json", "--sort", "retained", "--top", "5");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1_527_232, json.RootElement.GetProperty("totalBytes").GetInt64());
        Assert.Equal(8_645, json.RootElement.GetProperty("objectCount").GetInt32());
        var types = json.RootElement.GetProperty("types").EnumerateArray().ToList();
        Assert.Equal(5, types.Count);
        var retained = types.Select(t => t.GetProperty("retainedBytes").GetInt64()).ToList();
        Assert.Equal(retained.OrderDescending(), retained);
        var box = Assert.Single(types, t => t.GetProperty("type").GetString()!.Contains("<SaveMemberAsync>d__1", StringComparison.Ordinal));
        Assert.Equal(2_000, box.GetProperty("count").GetInt32());
        Assert.Equal(208_000, box.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task ReportHelp_OffersTheSortWordsTheParserAccepts_AndNoNumericDefaultForTop()
    {
        var help = await LeakAgentCli.RunInProcessAsync("report", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--sort <bytes|retained|count>", help.Output, StringComparison.Ordinal);
        Assert.Contains("[default: bytes]", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("2147483647", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RetainedBytes", help.Output, StringComparison.Ordinal);

        foreach (var word in new[] { "bytes", "retained", "count", "RETAINED" })
        {
            var result = await LeakAgentCli.RunInProcessAsync("report", TestPaths.SeedsGcDump, "--sort", word, "--top", "1", "--format", "csv");
            Assert.True(result.ExitCode == 0, $"--sort {word}: {result.Error}");
            Assert.Equal(2, CsvReader.Parse(result.Output).Count);
        }

        var bad = await LeakAgentCli.RunInProcessAsync("report", TestPaths.SeedsGcDump, "--sort", "RetainedBytes");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'RetainedBytes' is not a sort order: use bytes, retained or count.", bad.Error, StringComparison.Ordinal);
    }
}
