using System.Globalization;

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// Reads .gcdump files (dotnet-gcdump, PerfView, Visual Studio, and <see cref="GcDumpWriter"/>) into a
/// <see cref="Graph.HeapGraph"/> with its metadata.
/// </summary>
/// <remarks>
/// The whole file is read into memory (the format's labels limit it to 2 GiB). Every count and offset is checked
/// against the bytes that remain before anything is allocated, so bad input ends in a
/// <see cref="GcDumpFormatException"/>, never in an out-of-memory error, an index error or a hang.
/// </remarks>
public static class GcDumpReader
{
    /// <summary>Reads a .gcdump file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The graph and metadata.</returns>
    /// <exception cref="GcDumpFormatException">The file is not a valid gcdump.</exception>
    public static GcDump Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream);
    }

    /// <summary>Reads a .gcdump from a stream, to its end.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The graph and metadata.</returns>
    /// <exception cref="GcDumpFormatException">The data is not a valid gcdump.</exception>
    /// <remarks>
    /// The header is checked before anything else is read, so a big file that is not a dump (or an endless
    /// device such as <c>/dev/zero</c>) costs a few bytes, not its size. The rest is read into one array, never
    /// more than the format can address (labels are 4-byte offsets: under 2 GiB) nor more than the stream holds:
    /// a stream whose length is unknown or wrong grows the buffer as data really arrives.
    /// </remarks>
    public static GcDump Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderLength];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        CheckHeader(header.AsSpan(0, got), got);

        long announced = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (announced > Array.MaxLength - HeaderLength)
        {
            throw TooBig();
        }

        // Trust a seekable stream's length for the first allocation only if it is plausible; read what is there.
        var data = new byte[announced > 0 ? HeaderLength + announced : Math.Max(HeaderLength, 1 << 20)];
        header.CopyTo(data, 0);
        int length = HeaderLength;
        while (true)
        {
            if (length == data.Length)
            {
                if (data.Length >= Array.MaxLength)
                {
                    // Full at the largest array: one more byte means the input is beyond the format.
                    if (stream.ReadByte() < 0)
                    {
                        break;
                    }

                    throw TooBig();
                }

                Array.Resize(ref data, (int)Math.Min(Array.MaxLength, 2L * data.Length));
            }

            int read = stream.Read(data, length, data.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length != data.Length)
        {
            Array.Resize(ref data, length);
        }

        return Read(data);
    }

    /// <summary>Reads a .gcdump held in memory.</summary>
    /// <param name="data">The file's bytes; not modified, and not needed after the call.</param>
    /// <returns>The graph and metadata.</returns>
    /// <exception cref="GcDumpFormatException">The data is not a valid gcdump.</exception>
    public static GcDump Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new SerializedReader(data);
        ReadHeader(reader);
        reader.Expect(SerializationTags.BeginObject, "the GCHeapDump object");
        ReadType(reader, SerializationTags.HeapDumpType, SerializationTags.HeapDumpVersion);
        reader.Expect(SerializationTags.BeginObject, "the MemoryGraph object");
        ReadType(reader, SerializationTags.MemoryGraphType, 0);
        var graph = MemoryGraphDecoder.Read(reader);
        var metadata = ReadHeapDumpFields(reader);
        metadata.Is64Bit = metadata.Is64Bit || graph.Is64Bit;
        return new GcDump(graph.Graph, metadata);
    }

    private static void ReadHeader(SerializedReader reader)
    {
        CheckHeader(reader.Data[..Math.Min(reader.Length, HeaderLength)], reader.Length);
        reader.Position = HeaderLength;
    }

    // The header is an int32 length (20) and 20 ASCII bytes; a file that starts like that but ends early is truncated.
    private static int HeaderLength => 4 + SerializationTags.Header.Length;

    private static void CheckHeader(ReadOnlySpan<byte> actual, long fileLength)
    {
        var header = SerializationTags.Header;
        Span<byte> expected = stackalloc byte[4 + header.Length];
        BitConverter.TryWriteBytes(expected, header.Length);
        for (int i = 0; i < header.Length; i++)
        {
            expected[4 + i] = (byte)header[i];
        }

        if (!actual.SequenceEqual(expected[..actual.Length]))
        {
            throw new GcDumpFormatException("Not a gcdump: the file does not start with the '!FastSerialization.1' header.");
        }

        if (actual.Length < expected.Length)
        {
            throw new GcDumpFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The gcdump is truncated: the file ends after {fileLength} bytes, inside its header."));
        }
    }

    private static GcDumpFormatException TooBig() =>
        new("The file is over 2 GiB, which the gcdump format cannot address: not a gcdump.");

    private static void ReadType(SerializedReader reader, string name, int readerVersion)
    {
        int at = reader.Position;
        byte tag = reader.ReadByte();
        if (tag != SerializationTags.BeginObject)
        {
            throw SerializedReader.Corrupt($"expected the type of {name} (tag 4) but found tag {tag}", at);
        }
        reader.Expect(SerializationTags.NullReference, "the type's type");
        int version = reader.ReadInt32();
        int minimumReaderVersion = reader.ReadInt32();
        string? actualName = reader.ReadString();
        reader.Expect(SerializationTags.EndObject, "the end of the type");
        if (actualName != name)
        {
            throw SerializedReader.Corrupt($"expected type '{name}' but found '{actualName}'", at);
        }
        if (minimumReaderVersion > readerVersion)
        {
            throw new GcDumpFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Unsupported gcdump version: {name} version {version} needs a reader of version {minimumReaderVersion} or newer; this reader supports version {readerVersion}."));
        }
        if (name == SerializationTags.HeapDumpType && version < SerializationTags.HeapDumpVersion)
        {
            throw new GcDumpFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Unsupported gcdump version: {name} version {version} is older than the supported version {SerializationTags.HeapDumpVersion}."));
        }
    }

    private static GcDumpMetadata ReadHeapDumpFields(SerializedReader reader)
    {
        var metadata = new GcDumpMetadata { Is64Bit = reader.ReadBoolean() };
        reader.ReadSingle(); // AverageCountMultiplier
        reader.ReadSingle(); // AverageSizeMultiplier
        ExpectNull(reader, "JSHeapInfo");
        ExpectNull(reader, "DotNetHeapInfo");
        metadata.CollectionLog = reader.ReadString();
        int at = reader.Position;
        long ticks = reader.ReadInt64();
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw SerializedReader.Corrupt($"time collected {ticks} is out of range", at);
        }
        metadata.TimeCollected = new DateTime(ticks);
        metadata.MachineName = reader.ReadString() is { } machine ? PrintableText.Clean(machine) : null;
        metadata.ProcessName = reader.ReadString() is { } process ? PrintableText.Clean(process) : null;
        metadata.ProcessId = reader.ReadInt32();
        metadata.TotalProcessCommit = reader.ReadInt64();
        metadata.TotalProcessWorkingSet = reader.ReadInt64();
        at = reader.Position;
        int multipliers = reader.ReadInt32();
        if (multipliers < 0)
        {
            throw SerializedReader.Corrupt($"negative multiplier count {multipliers}", at);
        }
        reader.Need(4L * multipliers, "the count multipliers");
        reader.Position += 4 * multipliers;
        ReadTaggedFields(reader, metadata);
        reader.Expect(SerializationTags.EndObject, "the end of the GCHeapDump object");
        return metadata;
    }

    /// <summary>Tagged fields, in order: InteropInfo (a skip region), CreationTool (a string); unknown tagged primitives are skipped.</summary>
    private static void ReadTaggedFields(SerializedReader reader, GcDumpMetadata metadata)
    {
        while (reader.Remaining > 0 && reader.Data[reader.Position] != SerializationTags.EndObject)
        {
            int at = reader.Position;
            byte tag = reader.ReadByte();
            switch (tag)
            {
                case SerializationTags.SkipRegion:
                    reader.ReadInt32(); // forward-reference index of the region's end
                    ExpectNull(reader, "InteropInfo");
                    break;
                case SerializationTags.String:
                    metadata.CreationTool ??= reader.ReadString();
                    break;
                case SerializationTags.Byte:
                    reader.ReadByte();
                    break;
                case SerializationTags.Int16:
                    reader.Need(2, "an int16");
                    reader.Position += 2;
                    break;
                case SerializationTags.Int32:
                    reader.ReadInt32();
                    break;
                case SerializationTags.Int64:
                    reader.ReadInt64();
                    break;
                default:
                    throw SerializedReader.Corrupt($"unexpected tag {tag} among the tagged fields", at);
            }
        }
    }

    private static void ExpectNull(SerializedReader reader, string what)
    {
        int at = reader.Position;
        byte tag = reader.ReadByte();
        if (tag != SerializationTags.NullReference)
        {
            throw new GcDumpFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Unsupported gcdump content: {what} is present (tag {tag} at offset {at}); this reader handles dumps without it."));
        }
    }
}
