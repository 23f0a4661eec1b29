using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Format;

/// <summary>Decodes the fields of a <c>Graphs.MemoryGraph</c> object (type table, node blob, addresses).</summary>
internal static class MemoryGraphDecoder
{
    public static (HeapGraph Graph, bool Is64Bit) Read(SerializedReader reader)
    {
        reader.ReadInt64(); // total size: recomputed from the nodes
        int rootAt = reader.Position;
        int rootIndex = reader.ReadInt32();
        var (names, modules, typeSizes) = ReadTypes(reader);

        int nodeCount = ReadCount(reader, 4, "node");
        if (rootIndex < 0 || rootIndex >= nodeCount)
        {
            throw SerializedReader.Corrupt($"root index {rootIndex} is outside the {nodeCount} nodes", rootAt);
        }
        var offsets = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++)
        {
            offsets[i] = reader.ReadInt32();
        }
        int blobLength = ReadCount(reader, 1, "node blob byte");
        int blobStart = reader.Position;
        reader.Position += blobLength;
        var blob = reader.Data.Slice(blobStart, blobLength);

        int addressCount = ReadCount(reader, 8, "address");
        if (addressCount != 0 && addressCount != nodeCount)
        {
            throw SerializedReader.Corrupt($"{addressCount} addresses for {nodeCount} nodes", reader.Position - 4);
        }
        ulong[]? addresses = addressCount == 0 ? null : new ulong[nodeCount];
        for (int i = 0; i < addressCount; i++)
        {
            addresses![i] = (ulong)reader.ReadInt64();
        }

        bool is64Bit = false;
        while (reader.Remaining > 0 && reader.Data[reader.Position] == SerializationTags.Byte)
        {
            reader.Position++;
            is64Bit = reader.ReadByte() != 0;
        }
        reader.Expect(SerializationTags.EndObject, "the end of the MemoryGraph object");

        var graph = DecodeNodes(blob, blobStart, offsets, names, modules, typeSizes, addresses, rootIndex);
        return (graph, is64Bit);
    }

    private static (string[] Names, string?[] Modules, int[] Sizes) ReadTypes(SerializedReader reader)
    {
        // A type takes at least 12 bytes: two string lengths and a size.
        int count = ReadCount(reader, 12, "type");
        if (count == 0)
        {
            throw SerializedReader.Corrupt("the type table is empty (type 0 must be UNDEFINED)", reader.Position - 4);
        }
        var names = new string[count];
        var modules = new string?[count];
        var sizes = new int[count];
        for (int t = 0; t < count; t++)
        {
            names[t] = PrintableText.Clean(reader.ReadString() ?? "");
            sizes[t] = reader.ReadInt32();
            modules[t] = reader.ReadString() is { } module ? PrintableText.Clean(module) : null;
        }
        return (names, modules, sizes);
    }

    private static HeapGraph DecodeNodes(ReadOnlySpan<byte> blob, int blobStart, int[] offsets, string[] names, string?[] modules,
        int[] typeSizes, ulong[]? addresses, int rootIndex)
    {
        int nodeCount = offsets.Length;
        var nodeTypes = new int[nodeCount];
        var nodeSizes = new int[nodeCount];
        var childStarts = new int[nodeCount + 1];

        // Pass 1: types, sizes, child counts. Every child takes at least one blob byte, so honest child counts sum to
        // at most the blob's length; a larger sum means node definitions overlap and is rejected before allocating.
        long totalChildren = 0;
        for (int node = 0; node < nodeCount; node++)
        {
            childStarts[node] = (int)totalChildren;
            int offset = offsets[node];
            if (offset == 0)
            {
                continue; // undefined node
            }
            if (offset < 0 || offset >= blob.Length)
            {
                throw SerializedReader.Corrupt($"node {node} has blob offset {offset} outside the {blob.Length}-byte blob", blobStart);
            }
            int position = offset;
            int typeAndFlag = Next(blob, ref position, blobStart, node);
            int type = typeAndFlag >> 1;
            if (type < 0 || type >= names.Length)
            {
                throw SerializedReader.Corrupt($"node {node} has type {type} outside the {names.Length} types", blobStart + offset);
            }
            int size = (typeAndFlag & 1) != 0 ? Next(blob, ref position, blobStart, node) : typeSizes[type];
            if (size < 0)
            {
                throw SerializedReader.Corrupt($"node {node} has negative size {size}", blobStart + offset);
            }
            int childCount = Next(blob, ref position, blobStart, node);
            if (childCount < 0 || childCount > blob.Length - position)
            {
                throw SerializedReader.Corrupt($"node {node} has child count {childCount} beyond the blob", blobStart + offset);
            }
            nodeTypes[node] = type;
            nodeSizes[node] = size;
            totalChildren += childCount;
            if (totalChildren > blob.Length)
            {
                throw SerializedReader.Corrupt("node definitions overlap (more children than blob bytes)", blobStart + offset);
            }
        }
        childStarts[nodeCount] = (int)totalChildren;

        // Pass 2: children, stored as deltas from the node's own index.
        var children = new int[totalChildren];
        int cursor = 0;
        for (int node = 0; node < nodeCount; node++)
        {
            int offset = offsets[node];
            if (offset == 0)
            {
                continue;
            }
            int position = offset;
            if ((Next(blob, ref position, blobStart, node) & 1) != 0)
            {
                Next(blob, ref position, blobStart, node);
            }
            int childCount = Next(blob, ref position, blobStart, node);
            for (int c = 0; c < childCount; c++)
            {
                long child = (long)node + Next(blob, ref position, blobStart, node);
                if (child < 0 || child >= nodeCount)
                {
                    throw SerializedReader.Corrupt($"node {node} references node {child} outside the {nodeCount} nodes", blobStart + offset);
                }
                children[cursor++] = (int)child;
            }
        }
        return new HeapGraph(names, modules, nodeTypes, nodeSizes, childStarts, children, children.Length, addresses, rootIndex);
    }

    private static int Next(ReadOnlySpan<byte> blob, ref int position, int blobStart, int node)
    {
        int at = position;
        return CompressedInt.TryRead(blob, ref position, out int value)
            ? value
            : throw SerializedReader.Corrupt($"node {node}'s definition is cut or malformed", blobStart + at);
    }

    /// <summary>Reads an int32 count and checks that that many items of at least <paramref name="minBytes"/> each fit.</summary>
    private static int ReadCount(SerializedReader reader, int minBytes, string what)
    {
        int at = reader.Position;
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw SerializedReader.Corrupt($"negative {what} count {count}", at);
        }
        reader.Need((long)count * minBytes, $"{count} × {what}");
        return count;
    }
}
