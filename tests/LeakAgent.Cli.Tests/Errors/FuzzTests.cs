using System.Diagnostics;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Errors;

public class FuzzTests
{
    [Fact]
    public async Task Report_CutsAndByteFlipsOfFixture_CleanErrorOrValidResultWithinBoundedTime()
    {
        using var directory = new TempDirectory();
        var seeds = await File.ReadAllBytesAsync(TestPaths.SeedsGcDump);
        var random = new Random(20260801);
        var cases = new List<(string Name, byte[] Data)>();
        for (int i = 0; i < 120; i++)
        {
            int cut = i < 40 ? i : random.Next(seeds.Length);
            cases.Add(($"cut at {cut}", seeds[..cut]));
        }

        for (int i = 0; i < 240; i++)
        {
            var data = (byte[])seeds.Clone();
            int flips = 1 + random.Next(4);
            var at = new List<int>();
            for (int f = 0; f < flips; f++)
            {
                // Half the flips hit the small header and type table, where a bad count does the most damage.
                int position = random.Next(2) == 0 ? random.Next(Math.Min(4_096, data.Length)) : random.Next(data.Length);
                data[position] ^= (byte)(1 << random.Next(8));
                at.Add(position);
            }

            cases.Add(($"flips at {string.Join(',', at)}", data));
        }

        var clock = Stopwatch.StartNew();
        int valid = 0;
        int rejected = 0;
        string path = directory.File("fuzz.gcdump");
        foreach (var (name, data) in cases)
        {
            await File.WriteAllBytesAsync(path, data);
            var run = LeakAgentCli.RunInProcessAsync("report", path, "--format", "csv");
            var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
            if (result.ExitCode == ExitCodes.Success)
            {
                valid++;
                Assert.StartsWith("type,module,count,bytes,retained_bytes\n", result.Output, StringComparison.Ordinal);
            }
            else
            {
                rejected++;
                Assert.True(result.ExitCode is ExitCodes.InvalidDump or ExitCodes.UnsupportedDump, $"{name}: {result}");
                Assert.Single(result.ErrorLines);
                Assert.False(result.HasStackTrace, $"{name}: {result}");
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"fuzzing took {clock.Elapsed}");
        Assert.True(rejected >= 120, $"only {rejected} inputs rejected");
        Assert.True(valid + rejected == cases.Count);
    }
}
