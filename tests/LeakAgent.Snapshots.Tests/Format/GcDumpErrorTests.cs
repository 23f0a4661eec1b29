using System.Buffers.Binary;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Tests.TestSupport;

namespace LeakAgent.Snapshots.Tests.Format;

public class GcDumpErrorTests
{
    private static byte[] Seeds() => File.ReadAllBytes(Fixtures.SeedsGcDump);

    [Fact]
    public void Read_NotAGcDump_SaysNotAGcDump()
    {
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read("hello, this is a text file"u8.ToArray()));
        Assert.Contains("Not a gcdump", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysTruncated()
    {
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(Array.Empty<byte>()));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CutInTheNodeBlob_SaysTruncated()
    {
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(Seeds()[..150_000]));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NewerMinimumReaderVersion_SaysWhichVersion()
    {
        var data = Seeds();
        // GCHeapDump's type: header (24) + BeginObject + BeginObject + NullReference, then version, minimum reader version.
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(24 + 3), 12);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(24 + 7), 11);
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(data));
        Assert.Contains("version 12", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reader of version 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeNodeCount_SaysTruncatedWithoutAllocating()
    {
        var data = Seeds();
        int typesEnd = FindNodeCountOffset(data);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(typesEnd), int.MaxValue);
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(data));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChildOutOfRange_SaysCorrupt()
    {
        var data = Seeds();
        // The root's definition is last in the blob: "[.NET Roots]" type, count 4, then deltas; make the first delta huge.
        int blobEnd = FindNodeCountOffset(data) + 4 + (8718 * 4) + 4 + 152_553;
        int rootDefinition = blobEnd - 5; // type (2 bytes: 117 << 1 = 234), count, 4 one-byte deltas -> patch a delta
        data[rootDefinition + 2] = 0x3F; // child 0 + 63 is still valid; make it negative instead
        data[rootDefinition + 2] = 0x7F; // -1: node index -1
        var ex = Assert.Throws<GcDumpFormatException>(() => GcDumpReader.Read(data));
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The offset of the MemoryGraph's node count, found by walking the type table of the fixture.</summary>
    private static int FindNodeCountOffset(byte[] data)
    {
        // After the two objects with their types comes: int64 total size, int32 root, int32 type count, types.
        int p = 24 + 1 + 1 + 1 + 8 + 4 + "GCHeapDump".Length + 1 + 1 + 1 + 1 + 8 + 4 + "Graphs.MemoryGraph".Length + 1;
        p += 8 + 4;
        int types = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p));
        p += 4;
        for (int t = 0; t < types; t++)
        {
            p = SkipString(data, p) + 4;
            p = SkipString(data, p);
        }
        return p;
    }

    private static int SkipString(byte[] data, int p)
    {
        int units = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p));
        p += 4;
        for (int i = 0; i < units; i++)
        {
            p += data[p] >= 0xE0 ? 3 : data[p] >= 0xC0 ? 2 : 1;
        }
        return p;
    }
}
