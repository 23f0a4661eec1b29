using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;
using LeakAgent.Snapshots.Tests.TestSupport;

namespace LeakAgent.Snapshots.Tests.Format;

public class GcDumpReaderTests
{
    private static readonly Lazy<GcDump> s_seeds = new(() => GcDumpReader.Read(Fixtures.SeedsGcDump));

    internal static GcDump Seeds => s_seeds.Value;

    [Fact]
    public void Read_SeedsFixture_MatchesUpstreamCounts()
    {
        var graph = Seeds.Graph;
        Assert.Equal(8718, graph.NodeCount);
        Assert.Equal(64803, graph.EdgeCount);
        Assert.Equal(189, graph.TypeCount);
        Assert.Equal(1_527_232, graph.TotalSize);
        Assert.Equal(0, graph.RootIndex);
        Assert.Equal(HeapRootNames.Root, graph.GetNodeTypeName(graph.RootIndex));
        Assert.Equal(HeapRootNames.UndefinedType, graph.GetTypeName(0));
    }

    [Fact]
    public void Read_SeedsFixture_Has64StaticVarRootsUnderStaticVars()
    {
        var graph = Seeds.Graph;
        int statics = graph.GetChildren(graph.RootIndex).ToArray()
            .Single(n => graph.GetNodeTypeName(n) == HeapRootNames.StaticVars);
        var names = graph.GetChildren(statics).ToArray().Select(graph.GetNodeTypeName).ToList();
        Assert.Equal(64, names.Count);
        Assert.All(names, n => Assert.StartsWith(HeapRootNames.StaticVarPrefix, n, StringComparison.Ordinal));
        Assert.Contains("[static var LeakFixture.NameValidator.Name]", names);
    }

    [Fact]
    public void Read_SeedsFixture_EveryUpstreamReportRowHasTheSameCount()
    {
        var graph = Seeds.Graph;
        var (totalBytes, objects, rows) = UpstreamReport.Parse(Fixtures.SeedsReport);
        Assert.Equal(graph.TotalSize, totalBytes);
        Assert.Equal(graph.NodeCount, objects);
        Assert.Equal(99, rows.Count);

        var counts = new Dictionary<(string, string), int>();
        var sizes = new Dictionary<(string, string), HashSet<long>>();
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (!graph.IsObject(node))
            {
                continue;
            }
            int type = graph.GetTypeIndex(node);
            var key = (graph.GetTypeName(type), Path.GetFileName(graph.GetTypeModule(type)!));
            counts[key] = counts.GetValueOrDefault(key) + 1;
            (sizes.TryGetValue(key, out var set) ? set : sizes[key] = []).Add(graph.GetSize(node));
        }
        foreach (var row in rows)
        {
            var key = (row.Type, row.Module);
            Assert.True(counts.ContainsKey(key), $"type {row.Type} [{row.Module}] missing");
            Assert.Equal((row.Type, row.Count), (row.Type, counts[key]));
            // Upstream prints the size of the first instance it created; ours are in another order, so: one of them.
            Assert.True(sizes[key].Contains(row.InstanceBytes), $"{row.Type}: no instance of {row.InstanceBytes} bytes");
        }
        Assert.Equal(rows.Count, counts.Count);
        Assert.Equal(rows.Sum(r => r.Count), counts.Values.Sum());
    }

    [Fact]
    public void Read_SeedsFixture_ReadsMetadata()
    {
        var metadata = Seeds.Metadata;
        Assert.Equal("dotnet-gcdump", metadata.CreationTool);
        Assert.True(metadata.Is64Bit);
        Assert.Equal(0, metadata.ProcessId);
        Assert.Null(metadata.ProcessName);
    }

    [Fact]
    public void Read_SeedsFixture_AgreesWithIndependentDecoder()
    {
        var counts = IndependentGcDumpDecoder.Decode(File.ReadAllBytes(Fixtures.SeedsGcDump));
        var graph = Seeds.Graph;
        Assert.Equal(graph.NodeCount, counts.Nodes);
        Assert.Equal(graph.EdgeCount, counts.Edges);
        Assert.Equal(graph.TypeCount, counts.Types);
        Assert.Equal(graph.TotalSize, counts.TotalSize);
        Assert.Equal(1, counts.UndefinedNodes);
    }

    [Fact]
    public void Read_SeedsFixture_KeepsAddressesAndModules()
    {
        var graph = Seeds.Graph;
        Assert.True(graph.HasAddresses);
        int objectsWithAddress = Enumerable.Range(0, graph.NodeCount).Count(n => graph.IsObject(n) && graph.GetAddress(n) != 0);
        Assert.Equal(8645, objectsWithAddress);
        Assert.EndsWith("System.Private.CoreLib.dll", graph.GetTypeModule(1), StringComparison.Ordinal);
    }
}
