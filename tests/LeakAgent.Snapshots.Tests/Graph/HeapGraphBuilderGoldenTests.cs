using System.Security.Cryptography;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;
using LeakAgent.Snapshots.Tests.Format;

namespace LeakAgent.Snapshots.Tests.Graph;

/// <summary>
/// Pins the builder's output byte for byte: the expected hashes are those of the .gcdump that the builder of commit
/// ff81ab6 (the last one that stored its input uncompressed) wrote for these walks. A new builder must produce the
/// same dump from the same events; if one of these fails, the graph changed, not just its memory use.
/// </summary>
public class HeapGraphBuilderGoldenTests
{
    [Theory]
    [InlineData(false, "EFD846149A4275BAF4F8AFF8B885993401EA71EEDE1B3BBC53464A247CE40C90")]
    [InlineData(true, "5AF0865BEC73195B47CFDAED38AB0EB2B20074D5FD199B1B8A82AAB7A59E0A10")]
    public void Build_RegionWalk_WritesTheDumpThePreviousBuilderWrote(bool overlappingRuns, string expectedSha256)
    {
        var bytes = GcDumpWriterTests.WriteToBytes(new GcDump(RegionWalk(overlappingRuns).Build(), new GcDumpMetadata()));

        Assert.Equal(expectedSha256, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// A walk shaped like the runtime's: regions walked out of address order, each ascending, gaps between objects,
    /// large objects (size-suffixed types), references within and across regions, references to objects that are not
    /// in the walk (frozen strings), edges arriving ahead of their nodes, every kind of root, static and thread-static
    /// fields, dependent handles, types defined late with modules by id. With <paramref name="overlappingRuns"/> one
    /// region is walked in two interleaved halves, which forces the one-run-per-object fallback.
    /// </summary>
    private static HeapGraphBuilder RegionWalk(bool overlappingRuns)
    {
        var random = new Lcg(42);
        var builder = new HeapGraphBuilder();
        ulong[] regionBases = [0x7f00_1000_0000, 0x7f00_0000_0000, 0x7f00_3000_0000, 0x7f00_2000_0000, 0x7f10_0000_0000];
        var addresses = new List<ulong>();
        var regions = new List<List<(ulong Address, long Size, ulong Type)>>();
        foreach (ulong regionBase in regionBases)
        {
            var objects = new List<(ulong, long, ulong)>();
            ulong address = regionBase;
            int count = 300 + random.Next(400);
            for (int i = 0; i < count; i++)
            {
                ulong type = 1 + (ulong)random.Next(40);
                long size = random.Next(40) == 0 ? 1000 + random.Next(3_000_000) : 24 + (8 * random.Next(20));
                objects.Add((address, size, type));
                addresses.Add(address);
                address += (ulong)size + (random.Next(10) == 0 ? (ulong)(8 * random.Next(100)) : 0);
            }
            regions.Add(objects);
        }
        if (overlappingRuns)
        {
            var region = regions[1];
            regions[1] = [.. region.Where((_, i) => i % 2 == 0)];
            regions.Insert(3, [.. region.Where((_, i) => i % 2 == 1)]);
        }

        var pendingEdges = new List<ulong>();
        foreach (var region in regions)
        {
            foreach (var (address, size, type) in region)
            {
                int edges = random.Next(6);
                builder.AddNode(address, size, type, edges);
                for (int e = 0; e < edges; e++)
                {
                    pendingEdges.Add(random.Next(20) switch
                    {
                        0 => 0x1_0000_0000 + (ulong)random.Next(1000) * 8, // frozen heap: not in the walk
                        < 12 => addresses[Math.Min(addresses.Count - 1, addresses.IndexOf(address) + 1 + random.Next(8))],
                        _ => addresses[random.Next(addresses.Count)],
                    });
                }
                // The edge stream runs ahead of or behind the node stream, as BulkEdge events flush on their own.
                if (random.Next(3) == 0)
                {
                    builder.AddEdges(pendingEdges.ToArray());
                    pendingEdges.Clear();
                }
            }
        }
        builder.AddEdges(pendingEdges.ToArray());

        for (int t = 1; t <= 40; t++)
        {
            if (t % 7 == 0)
            {
                builder.AddType((ulong)t, $"App.Model.Item{t}`1[System.String]", moduleId: 500 + ((ulong)t % 3));
            }
            else if (t != 13)
            {
                builder.AddType((ulong)t, t % 5 == 0 ? $"App.Thing{t}[]" : $"App.Thing{t}", "/app/App.dll");
            }
        }
        builder.AddModule(500, "/app/Model.dll");
        builder.AddModule(501, "/app/Model2.dll");
        for (int r = 0; r < 60; r++)
        {
            builder.AddRoot(r % 11 == 0 ? 0xdead_0000 : addresses[random.Next(addresses.Count)], (HeapRootKind)(r % 8));
        }
        for (int s = 0; s < 12; s++)
        {
            builder.AddStaticRoot(addresses[random.Next(addresses.Count)], 1 + (ulong)random.Next(40), $"s_field{s % 9}", threadStatic: s % 5 == 0);
        }
        builder.AddStaticRoot(addresses[3], "App.Registry", "Instance");
        builder.AddDependentHandle(addresses[10], addresses[20]);
        builder.AddDependentHandle(0, addresses[30]);
        return builder;
    }

    // Our own generator: the walk must not change with the runtime's Random implementation.
    private sealed class Lcg(ulong state)
    {
        public int Next(int bound)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)bound);
        }
    }
}
