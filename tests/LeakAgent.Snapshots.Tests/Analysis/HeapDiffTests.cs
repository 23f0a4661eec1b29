using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Graph;
using LeakAgent.Snapshots.Tests.Format;

namespace LeakAgent.Snapshots.Tests.Analysis;

public class HeapDiffTests
{
    [Fact]
    public void Compare_FixtureAgainstCopyWith500MoreMembers_RanksMemberFirst()
    {
        var before = GcDumpReaderTests.Seeds.Graph;
        var after = CopyWithExtraObjects(before, "LeakFixture.Member", 500, 32);
        var diff = HeapDiff.Compare(before, after);
        Assert.Equal("LeakFixture.Member", diff[0].TypeName);
        Assert.Equal((2000, 2500, 500, 16_000L), (diff[0].CountBefore, diff[0].CountAfter, diff[0].CountDelta, diff[0].BytesDelta));
        Assert.All(diff.Skip(1), row => Assert.Equal(0, row.BytesDelta));
    }

    [Fact]
    public void Histogram_Fixture_AvatarsThenTheBigStringArrayLead()
    {
        var graph = GcDumpReaderTests.Seeds.Graph;
        var rows = TypeHistogram.Compute(graph, DominatorTree.Compute(graph), HistogramOrder.Bytes, top: 3);
        Assert.Equal(3, rows.Count);
        // 2,001 byte arrays (the avatars) outweigh the one 50,000-slot string array.
        Assert.Equal(("System.Byte[]", 2001), (rows[0].TypeName, rows[0].Count));
        var array = rows[1];
        Assert.Equal("System.String[] (Bytes > 100K)", array.TypeName);
        Assert.Equal(524_312, array.Bytes);
        Assert.True(array.RetainedBytes >= 524_312);
        var strings = TypeHistogram.Compute(graph).Single(r => r.TypeName == "System.String");
        Assert.Equal(2473, strings.Count);
    }

    /// <summary>Rebuilds a graph through the builder (addresses, types, edges, roots) and adds objects held by a local.</summary>
    internal static HeapGraph CopyWithExtraObjects(HeapGraph graph, string typeName, int extra, int size)
    {
        var builder = new HeapGraphBuilder();
        int extraType = -1;
        for (int t = 1; t < graph.TypeCount; t++)
        {
            string name = graph.GetTypeName(t);
            int suffix = name.IndexOf(" (Bytes > ", StringComparison.Ordinal);
            builder.AddType((ulong)t, suffix > 0 ? name[..suffix] : name, graph.GetTypeModule(t));
            extraType = name == typeName ? t : extraType;
        }
        ulong maxAddress = 0;
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node))
            {
                var children = graph.GetChildren(node);
                builder.AddNode(graph.GetAddress(node), graph.GetSize(node), (ulong)graph.GetTypeIndex(node), children.Length);
                foreach (int child in children)
                {
                    builder.AddEdge(graph.GetAddress(child));
                }
                maxAddress = Math.Max(maxAddress, graph.GetAddress(node));
            }
        }
        foreach (int group in graph.GetChildren(graph.RootIndex))
        {
            foreach (int rooted in graph.GetChildren(group))
            {
                builder.AddRoot(graph.GetAddress(rooted), HeapRootKind.StrongHandle);
            }
        }
        for (int i = 0; i < extra; i++)
        {
            ulong address = maxAddress + 0x1000 + ((ulong)i * 64);
            builder.AddNode(address, size, (ulong)extraType, 0);
            builder.AddRoot(address, HeapRootKind.Stack);
        }
        return builder.Build();
    }
}
