using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// Writes a <see cref="HeapGraph"/> as a .gcdump (GCHeapDump version 10, the layout dotnet-gcdump writes), which
/// PerfView, Visual Studio, dotnet-gcdump and <see cref="GcDumpReader"/> read.
/// </summary>
/// <remarks>
/// Streams the output in three passes over the graph (blob length, node offsets, blob), so it needs no buffer the
/// size of the file. Nodes of type 0 are written as undefined (no size, no children).
/// </remarks>
public static class GcDumpWriter
{
    /// <summary>
    /// Writes to a file through a temporary name and a rename, so no reader ever sees half a dump. On Unix the file
    /// is created 0600: a heap dump holds the app's data (tokens, personal data), as the agent's dumps do.
    /// </summary>
    /// <param name="dump">The graph and metadata.</param>
    /// <param name="path">The destination path; replaced if it exists.</param>
    public static void Write(GcDump dump, string path)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(path);
        string temporary = path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            // A leftover of a crashed run would keep its own mode under FileMode.Create: start from a new file.
            File.Delete(temporary);
            using (var stream = new FileStream(temporary, options))
            {
                Write(dump, stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes to a stream (which need not be seekable) and flushes it.</summary>
    /// <param name="dump">The graph and metadata.</param>
    /// <param name="stream">The destination.</param>
    public static void Write(GcDump dump, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(stream);
        var graph = dump.Graph;
        var metadata = dump.Metadata;
        var writer = new SerializedWriter(stream);
        writer.WriteString(SerializationTags.Header);
        writer.WriteByte(SerializationTags.BeginObject);
        writer.WriteTypeHeader(SerializationTags.HeapDumpType, SerializationTags.HeapDumpVersion, SerializationTags.HeapDumpMinReaderVersion);
        writer.WriteByte(SerializationTags.BeginObject);
        writer.WriteTypeHeader(SerializationTags.MemoryGraphType, SerializationTags.MemoryGraphVersion, 0);
        WriteMemoryGraph(writer, graph, metadata.Is64Bit);

        writer.WriteBoolean(metadata.Is64Bit);
        writer.WriteSingle(1.0f); // AverageCountMultiplier: we never sample
        writer.WriteSingle(1.0f); // AverageSizeMultiplier
        writer.WriteByte(SerializationTags.NullReference); // JSHeapInfo
        writer.WriteByte(SerializationTags.NullReference); // DotNetHeapInfo
        writer.WriteString(metadata.CollectionLog);
        writer.WriteInt64(metadata.TimeCollected.Ticks);
        writer.WriteString(metadata.MachineName);
        writer.WriteString(metadata.ProcessName);
        writer.WriteInt32(metadata.ProcessId);
        writer.WriteInt64(metadata.TotalProcessCommit);
        writer.WriteInt64(metadata.TotalProcessWorkingSet);
        writer.WriteInt32(0); // CountMultipliersByType

        // InteropInfo as a tagged skip region: forward reference 0 is defined as the region's end.
        writer.WriteByte(SerializationTags.SkipRegion);
        writer.WriteInt32(0);
        writer.WriteByte(SerializationTags.NullReference);
        int regionEnd = writer.Label;
        if (metadata.CreationTool is not null)
        {
            writer.WriteByte(SerializationTags.String);
            writer.WriteString(metadata.CreationTool);
        }
        writer.WriteByte(SerializationTags.EndObject); // GCHeapDump

        // Trailer: one more EndObject, the forward-reference table, a label to it, a label to that label.
        writer.WriteByte(SerializationTags.EndObject);
        int table = writer.Label;
        writer.WriteInt32(1);
        writer.WriteInt32(regionEnd);
        int tableLabel = writer.Label;
        writer.WriteInt32(table);
        writer.WriteInt32(tableLabel);
        writer.Flush();
    }

    private static void WriteMemoryGraph(SerializedWriter writer, HeapGraph graph, bool is64Bit)
    {
        var nodeTypes = graph.NodeTypes;
        var nodeSizes = graph.NodeSizes;
        int nodeCount = graph.NodeCount;

        // A type's size is the size of its first node; nodes of another size carry it explicitly. -1: no node.
        var typeSizes = new int[graph.TypeCount];
        Array.Fill(typeSizes, -1);
        typeSizes[0] = 0;
        for (int node = 0; node < nodeCount; node++)
        {
            if (typeSizes[nodeTypes[node]] == -1)
            {
                typeSizes[nodeTypes[node]] = nodeSizes[node];
            }
        }

        writer.WriteInt64(graph.TotalSize);
        writer.WriteInt32(graph.RootIndex);
        writer.WriteInt32(graph.TypeCount);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            writer.WriteString(graph.GetTypeName(t));
            writer.WriteInt32(typeSizes[t]);
            writer.WriteString(graph.GetTypeModule(t));
        }

        // Blob bytes 0-1 hold the UNDEFINED definition; the root's definition comes last, as upstream writes it.
        int root = graph.RootIndex;
        long othersEnd = 2;
        for (int node = 0; node < nodeCount; node++)
        {
            othersEnd += node == root ? 0 : NodeLength(graph, typeSizes, node);
        }
        long blobLength = othersEnd + NodeLength(graph, typeSizes, root);
        if (blobLength > int.MaxValue)
        {
            throw new InvalidOperationException("The graph is too large for the gcdump format (its node blob exceeds 2 GiB).");
        }

        writer.WriteInt32(nodeCount);
        long offset = 2;
        for (int node = 0; node < nodeCount; node++)
        {
            if (node == root)
            {
                writer.WriteInt32((int)othersEnd);
            }
            else
            {
                writer.WriteInt32(nodeTypes[node] == 0 ? 0 : (int)offset);
                offset += NodeLength(graph, typeSizes, node);
            }
        }

        writer.WriteInt32((int)blobLength);
        writer.WriteByte(0);
        writer.WriteByte(0);
        for (int node = 0; node < nodeCount; node++)
        {
            if (node != root)
            {
                WriteNode(writer, graph, typeSizes, node);
            }
        }
        WriteNode(writer, graph, typeSizes, root);

        writer.WriteInt32(graph.HasAddresses ? nodeCount : 0);
        if (graph.HasAddresses)
        {
            for (int node = 0; node < nodeCount; node++)
            {
                writer.WriteInt64((long)graph.GetAddress(node));
            }
        }
        writer.WriteByte(SerializationTags.Byte); // tagged Is64Bit
        writer.WriteBoolean(is64Bit);
        writer.WriteByte(SerializationTags.EndObject);
    }

    private static void WriteNode(SerializedWriter writer, HeapGraph graph, int[] typeSizes, int node)
    {
        int type = graph.GetTypeIndex(node);
        if (type == 0)
        {
            return;
        }
        int size = graph.GetSize(node);
        bool explicitSize = size != typeSizes[type];
        writer.WriteCompressed((type << 1) | (explicitSize ? 1 : 0));
        if (explicitSize)
        {
            writer.WriteCompressed(size);
        }
        var children = graph.GetChildren(node);
        writer.WriteCompressed(children.Length);
        foreach (int child in children)
        {
            writer.WriteCompressed(child - node);
        }
    }

    private static long NodeLength(HeapGraph graph, int[] typeSizes, int node)
    {
        int type = graph.GetTypeIndex(node);
        if (type == 0)
        {
            return 0;
        }
        int size = graph.GetSize(node);
        bool explicitSize = size != typeSizes[type];
        long length = CompressedInt.Length((type << 1) | (explicitSize ? 1 : 0));
        if (explicitSize)
        {
            length += CompressedInt.Length(size);
        }
        var children = graph.GetChildren(node);
        length += CompressedInt.Length(children.Length);
        foreach (int child in children)
        {
            length += CompressedInt.Length(child - node);
        }
        return length;
    }
}
