using System.Diagnostics;
using System.Text.Json;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Tests.TestSupport;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Cli.Tests.Errors;

/// <summary>The fuzz test runs alone: its memory bound reads the process-wide allocation counter.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz (alone)";
}

/// <summary>
/// Seeded mutations of dumps the project's own writer produces at test time (a synthetic heap with async state
/// machines and statics, a static list, a linked list): cuts, byte changes, int32 fields set to hostile values
/// (counts, lengths, the root index), inserted and deleted runs. Each goes through the reader and the analyses
/// (<c>report</c>, <c>suspects --format json</c>) and must end in a result or in one documented error — one
/// <c>[ERROR]</c> line, exit 4 or 5, no stack trace — within a time and a memory bound.
/// </summary>
[Collection(FuzzCollection.Name)]
public class GeneratedDumpFuzzTests
{
    private const int Inputs = 2400;
    private static readonly TimeSpan s_perInput = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_total = TimeSpan.FromSeconds(60);

    // Far above what a few-KB dump needs (~1-2 MB), far below what reading a hostile count literally would take.
    private const long MaxAllocatedPerInput = 256L * 1024 * 1024;

    private static readonly int[] s_hostileInts = [0, 1, -1, -2, 2, 255, 4096, 1 << 20, 1 << 28, int.MaxValue, int.MinValue, 0x7FFFFFC7];

    [Fact]
    public async Task MutatedGeneratedDumps_EndInAResultOrOneDocumentedError_WithinTimeAndMemory()
    {
        using var directory = new TempDirectory();
        var seeds = Seeds(directory);
        var random = new Random(20261201);
        var path = directory.File("fuzz.gcdump");
        var clock = Stopwatch.StartNew();
        int results = 0;
        int errors = 0;
        for (int i = 0; i < Inputs; i++)
        {
            var seed = seeds[i % seeds.Count];
            var (mutation, data) = Mutate(seed, random);
            await File.WriteAllBytesAsync(path, data);
            string[][] commands = [["report", path, "--format", "csv"], ["suspects", path, "--format", "json"]];
            foreach (var command in commands)
            {
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                var started = Stopwatch.StartNew();
                var result = await LeakAgentCli.RunInProcessAsync(command).WaitAsync(s_perInput);
                long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
                string what = $"input {i} ({mutation}, {data.Length} bytes), {command[0]}";
                Assert.True(allocated < MaxAllocatedPerInput, $"{what} allocated {allocated / (1024 * 1024)} MB");
                Assert.True(started.Elapsed < s_perInput, $"{what} took {started.Elapsed.TotalSeconds:0.0} s");
                if (result.ExitCode == ExitCodes.Success)
                {
                    results++;
                    AssertResult(command[0], result, what);
                }
                else
                {
                    errors++;
                    Assert.True(result.ExitCode is ExitCodes.InvalidDump or ExitCodes.UnsupportedDump, $"{what}: {result}");
                    Assert.Single(result.ErrorLines);
                    Assert.False(result.HasStackTrace, $"{what}: {result}");
                    Assert.Empty(result.Output);
                }
            }
        }

        Assert.True(clock.Elapsed < s_total, $"fuzzing took {clock.Elapsed.TotalSeconds:0} s");

        // Both outcomes are exercised: the mutations are neither all fatal nor all harmless.
        Assert.True(errors > Inputs / 2, $"only {errors} errors");
        Assert.True(results > Inputs / 10, $"only {results} results");
    }

    private static void AssertResult(string command, CliResult result, string what)
    {
        if (command == "report")
        {
            Assert.StartsWith("type,module,count,bytes,retained_bytes\n", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Output, c => char.IsControl(c) && c is not '\n' and not '\r');
            return;
        }

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("totalBytes").GetInt64() >= 0, what);
        foreach (var retainer in root.GetProperty("retainers").EnumerateArray())
        {
            // Paths are bounded however deep the mutated graph is: head, an elision, tail.
            Assert.InRange(retainer.GetProperty("path").GetArrayLength(), 0, 16);
        }
    }

    private static List<byte[]> Seeds(TempDirectory directory)
    {
        var metadata = new GcDumpMetadata { ProcessName = "fuzz", ProcessId = 7, CreationTool = "leakagent" };
        var seeds = new List<byte[]>();
        foreach (var graph in new[] { SyntheticHeap.Create(300, seed: 3), SyntheticHeap.Create(64, seed: 9) })
        {
            using var stream = new MemoryStream();
            GcDumpWriter.Write(new GcDump(graph, metadata), stream);
            seeds.Add(stream.ToArray());
        }

        var shop = directory.File("shop.gcdump");
        SyntheticDumps.WriteShop(shop, orders: 40, noise: 20);
        seeds.Add(File.ReadAllBytes(shop));
        var list = directory.File("list.gcdump");
        SyntheticDumps.WriteLinkedList(list, 200);
        seeds.Add(File.ReadAllBytes(list));
        return seeds;
    }

    private static (string Mutation, byte[] Data) Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        // Half of the changes land in the first 2 KB: the header, the type table and the counts.
        int At(int room) => Math.Clamp(random.Next(2) == 0 ? random.Next(Math.Min(2048, data.Length)) : random.Next(data.Length), 0, Math.Max(0, data.Length - room));
        switch (random.Next(5))
        {
            case 0:
                int cut = random.Next(data.Length);
                return ($"cut at {cut}", data[..cut]);
            case 1:
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++)
                {
                    data[At(1)] = (byte)random.Next(256);
                }

                return ($"{flips} bytes changed", data);
            case 2:
                int at = At(4);
                int value = s_hostileInts[random.Next(s_hostileInts.Length)];
                BitConverter.TryWriteBytes(data.AsSpan(at, 4), value);
                return ($"int32 {value} at {at}", data);
            case 3:
                int from = At(1);
                int length = Math.Min(1 + random.Next(64), data.Length - from);
                var inserted = data[..from].Concat(data.AsSpan(from, length).ToArray()).Concat(data[from..]).ToArray();
                return ($"{length} bytes repeated at {from}", inserted);
            default:
                int start = At(1);
                int count = Math.Min(1 + random.Next(64), data.Length - start);
                return ($"{count} bytes removed at {start}", data[..start].Concat(data[(start + count)..]).ToArray());
        }
    }
}
