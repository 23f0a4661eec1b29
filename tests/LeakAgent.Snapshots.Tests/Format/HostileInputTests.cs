using System.Diagnostics;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Format;

/// <summary>Crafted input that must cost what it really is: the reader's bounds and the analyses' guards.</summary>
public class HostileInputTests
{
    private const long TwoGiB = 2L * 1024 * 1024 * 1024;

    [Fact]
    public void Read_2GiBFileThatIsNotADump_IsRejectedFromItsFirstBytes()
    {
        var path = Sparse(TwoGiB + 10, header: false);
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(path));
            Assert.Contains("Not a gcdump", ex.Message, StringComparison.Ordinal);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the reader read the file");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_DumpHeaderThenAbout2GiB_IsRejectedAsTooBig_BeforeAllocatingIt()
    {
        var path = Sparse((1L << 31) - 16, header: true);
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(path));
            Assert.Contains("over 2 GiB", ex.Message, StringComparison.Ordinal);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_DevZero_EndsAtOnce()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // Not a Unix system: nothing to prove.
        }

        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read("/dev/zero"));
        Assert.Contains("Not a gcdump", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamOfUnknownLength_ReadsWhatArrives()
    {
        var bytes = Write(SyntheticHeap.Create(500));
        using var unseekable = new UnseekableStream(bytes);
        Assert.Equal(GcDumpReader.Read(bytes).Graph.NodeCount, GcDumpReader.Read(unseekable).Graph.NodeCount);
    }

    [Fact]
    public void ControlCharactersInNames_AreEscapedOnRead()
    {
        var builder = new HeapGraphBuilder();
        builder.AddType(1, "Evil\u001b[2J\nType,\"x\"\u202e", "/app/\u0007Evil.dll");
        builder.AddNode(0x1000, 24, 1, 0);
        builder.AddRoot(0x1000, HeapRootKind.Stack);
        var graph = GcDumpReader.Read(Write(builder.Build())).Graph;

        var name = Enumerable.Range(0, graph.TypeCount).Select(graph.GetTypeName).Single(n => n.StartsWith("Evil", StringComparison.Ordinal));
        // The graph builder turns generic brackets into angle brackets; the escapes are the reader's.
        Assert.Equal("Evil\\u001b<2J\\u000aType,\"x\"\\u202e", name);
        Assert.DoesNotContain(Enumerable.Range(0, graph.TypeCount).Select(graph.GetTypeModule), m => m is not null && m.Any(char.IsControl));
    }

    [Fact]
    public void TotalSize_CountsObjectsOnly_NotSizedPseudoNodes()
    {
        // Node 0 a pseudo root with a (crafted) size of 1 GB; node 1 an object of 24 bytes.
        var graph = new HeapGraph(["UNDEFINED", "[.NET Roots]", "App.Thing"], [null, null, "/app/App.dll"], [1, 2], [1 << 30, 24], [0, 1, 1], [1], 1, null, 0);
        Assert.Equal(24, graph.TotalSize);
    }

    [Fact]
    public void Suspects_RootIndexOnAnObject_StillFindsTheRetainers()
    {
        // The root is an object (crafted): it references two lists, each holding items.
        string[] names = ["UNDEFINED", "App.Root", "App.List", "App.Item"];
        string?[] modules = [null, "/app/App.dll", "/app/App.dll", "/app/App.dll"];
        int[] types = [1, 2, 3, 3, 2, 3];
        int[] sizes = [16, 32, 100, 100, 32, 50];
        int[] starts = [0, 2, 4, 4, 4, 5, 5];
        int[] children = [1, 4, 2, 3, 5];
        var graph = new HeapGraph(names, modules, types, sizes, starts, children, children.Length, null, 0);

        var report = LeakSuspects.Analyze(graph);

        Assert.Equal(2, report.Retainers.Count);
        Assert.Equal(232, report.Retainers[0].RetainedBytes);
        Assert.Equal("App.List", report.Retainers[0].TypeName);
    }

    private static string Sparse(long length, bool header)
    {
        var path = Path.Combine(Path.GetTempPath(), "leakagent-sparse-" + Guid.NewGuid().ToString("N"));
        using var file = new FileStream(path, FileMode.CreateNew);
        if (header)
        {
            file.Write(Write(SyntheticHeap.Create(16)).AsSpan(0, 24));
        }

        file.SetLength(length);
        return path;
    }

    private static byte[] Write(HeapGraph graph)
    {
        using var stream = new MemoryStream();
        GcDumpWriter.Write(new GcDump(graph, new GcDumpMetadata()), stream);
        return stream.ToArray();
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));
    }
}
