using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;
using LeakAgent.Snapshots.Tests.TestSupport;

namespace LeakAgent.Snapshots.Tests.Format;

public class GcDumpWriterTests
{
    [Fact]
    public void Write_SeedsFixtureReadBack_GivesTheSameGraphAndMetadata()
    {
        var seeds = GcDumpReaderTests.Seeds;
        var bytes = WriteToBytes(seeds);
        var back = GcDumpReader.Read(bytes);
        GraphAssert.Equal(seeds.Graph, back.Graph);
        Assert.Equal("dotnet-gcdump", back.Metadata.CreationTool);
        Assert.True(back.Metadata.Is64Bit);
    }

    [Fact]
    public void Write_SeedsFixture_IndependentDecoderAgrees()
    {
        var seeds = GcDumpReaderTests.Seeds;
        var counts = IndependentGcDumpDecoder.Decode(WriteToBytes(seeds));
        Assert.Equal((8718, 64803L, 189, 1_527_232L, 1), (counts.Nodes, counts.Edges, counts.Types, counts.TotalSize, counts.UndefinedNodes));
    }

    [Fact]
    public void Write_SeedsFixture_HasTheSameSizeAsUpstream()
    {
        // Same encoding rules as upstream, so the same graph takes the same bytes (277,265 on disk).
        Assert.Equal(new FileInfo(Fixtures.SeedsGcDump).Length, WriteToBytes(GcDumpReaderTests.Seeds).Length);
    }

    [Fact]
    public void Write_Metadata_RoundTrips()
    {
        var metadata = new GcDumpMetadata
        {
            ProcessName = "shop-api",
            ProcessId = 4242,
            TimeCollected = new DateTime(2026, 3, 1, 12, 30, 15, 123),
            CreationTool = "leakagent",
            Is64Bit = false,
            MachineName = "host-ü€",
            CollectionLog = "line1\nline2 \U0001F600",
            TotalProcessCommit = 123_456_789,
            TotalProcessWorkingSet = 98_765_432,
        };
        var back = GcDumpReader.Read(WriteToBytes(new GcDump(SmallGraph(), metadata))).Metadata;
        Assert.Equal(metadata.ProcessName, back.ProcessName);
        Assert.Equal(metadata.ProcessId, back.ProcessId);
        Assert.Equal(metadata.TimeCollected.Ticks, back.TimeCollected.Ticks);
        Assert.Equal(metadata.CreationTool, back.CreationTool);
        Assert.False(back.Is64Bit);
        Assert.Equal(metadata.MachineName, back.MachineName);
        Assert.Equal(metadata.CollectionLog, back.CollectionLog);
        Assert.Equal(metadata.TotalProcessCommit, back.TotalProcessCommit);
        Assert.Equal(metadata.TotalProcessWorkingSet, back.TotalProcessWorkingSet);
    }

    [Fact]
    public void Write_BuilderGraph_ReadsBackIdentically_AndIndependentDecoderAgrees()
    {
        var graph = SmallGraph();
        var bytes = WriteToBytes(new GcDump(graph, new GcDumpMetadata()));
        GraphAssert.Equal(graph, GcDumpReader.Read(bytes).Graph);
        var counts = IndependentGcDumpDecoder.Decode(bytes);
        Assert.Equal((graph.NodeCount, (long)graph.EdgeCount, graph.TypeCount), (counts.Nodes, counts.Edges, counts.Types));
    }

    [Fact]
    public void Write_ToFile_UsesNoTemporaryLeftovers()
    {
        string dir = Directory.CreateTempSubdirectory("gcdump").FullName;
        try
        {
            string path = Path.Combine(dir, "a.gcdump");
            GcDumpWriter.Write(new GcDump(SmallGraph(), new GcDumpMetadata()), path);
            Assert.Equal(["a.gcdump"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Equal(SmallGraph().NodeCount, GcDumpReader.Read(path).Graph.NodeCount);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    internal static byte[] WriteToBytes(GcDump dump)
    {
        using var stream = new MemoryStream();
        GcDumpWriter.Write(dump, stream);
        return stream.ToArray();
    }

    /// <summary>A small graph with big objects (explicit sizes, suffix types), far children (multi-byte deltas) and roots.</summary>
    internal static HeapGraph SmallGraph()
    {
        var builder = new HeapGraphBuilder();
        builder.AddType(1, "System.String", "/lib/System.Private.CoreLib.dll");
        builder.AddType(2, "System.Collections.Generic.List`1[System.String]", "/lib/System.Private.CoreLib.dll");
        builder.AddType(3, "System.String[]", "/lib/System.Private.CoreLib.dll");
        builder.AddNode(0x1000, 32, 2, 1);
        builder.AddEdge(0x2000);
        builder.AddNode(0x2000, 500_000, 3, 300);
        for (int i = 0; i < 300; i++)
        {
            builder.AddEdge(0x3000 + (ulong)(i * 32));
        }
        for (int i = 0; i < 300; i++)
        {
            builder.AddNode(0x3000 + (ulong)(i * 32), 22 + (i % 3 * 2), 1, 0);
        }
        builder.AddStaticRoot(0x1000, 2, "Names");
        builder.AddRoot(0x3000, HeapRootKind.Stack);
        builder.AddRoot(0x2000, HeapRootKind.StrongHandle);
        return builder.Build();
    }
}
