using System.Text;

namespace LeakAgent.Snapshots.Tests.TestSupport;

/// <summary>
/// A deliberately separate, minimal gcdump decoder (BinaryReader-based, shares no code with the library's reader):
/// counts nodes, edges and types so the tests can cross-check the reader and the writer.
/// </summary>
internal static class IndependentGcDumpDecoder
{
    public sealed record Counts(int Nodes, long Edges, int Types, long TotalSize, int UndefinedNodes);

    public static Counts Decode(byte[] file)
    {
        using var r = new BinaryReader(new MemoryStream(file), Encoding.ASCII);
        if (Str(r) != "!FastSerialization.1")
        {
            throw new InvalidDataException("header");
        }
        SkipObjectAndType(r, "GCHeapDump");
        SkipObjectAndType(r, "Graphs.MemoryGraph");
        long totalSize = r.ReadInt64();
        r.ReadInt32(); // root
        int types = r.ReadInt32();
        var typeSizes = new int[types];
        for (int t = 0; t < types; t++)
        {
            Str(r);
            typeSizes[t] = r.ReadInt32();
            Str(r);
        }
        int nodes = r.ReadInt32();
        var offsets = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            offsets[i] = r.ReadInt32();
        }
        byte[] blob = r.ReadBytes(r.ReadInt32());
        long edges = 0;
        long sizes = 0;
        int undefined = 0;
        foreach (int offset in offsets)
        {
            if (offset == 0)
            {
                undefined++;
                continue;
            }
            int p = offset;
            int head = Compressed(blob, ref p);
            sizes += (head & 1) == 1 ? Compressed(blob, ref p) : typeSizes[head >> 1];
            edges += Compressed(blob, ref p);
        }
        if (sizes != totalSize)
        {
            throw new InvalidDataException($"sizes {sizes} != total {totalSize}");
        }
        return new Counts(nodes, edges, types, totalSize, undefined);
    }

    private static void SkipObjectAndType(BinaryReader r, string expectedName)
    {
        // BeginObject, then the type: BeginObject, NullReference, version, min version, name, EndObject.
        if (r.ReadByte() != 4 || r.ReadByte() != 4 || r.ReadByte() != 1)
        {
            throw new InvalidDataException("object");
        }
        r.ReadInt64(); // both versions
        if (Str(r) != expectedName || r.ReadByte() != 6)
        {
            throw new InvalidDataException(expectedName);
        }
    }

    private static string? Str(BinaryReader r)
    {
        int units = r.ReadInt32();
        if (units < 0)
        {
            return null;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < units; i++)
        {
            byte lead = r.ReadByte();
            int extra = lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            int value = extra switch { 0 => lead, 1 => lead & 0x1F, _ => lead & 0x0F };
            for (int k = 0; k < extra; k++)
            {
                value = (value << 6) | (r.ReadByte() & 0x3F);
            }
            sb.Append((char)value);
        }
        return sb.ToString();
    }

    private static int Compressed(byte[] blob, ref int p)
    {
        int first = blob[p++];
        int value = (first & 0x40) != 0 ? (first & 0x7F) - 128 : first & 0x7F;
        int b = first;
        while ((b & 0x80) != 0)
        {
            b = blob[p++];
            value = (value << 7) + (b & 0x7F);
        }
        return value;
    }
}
