using System.Buffers.Binary;

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// Writes FastSerialization primitives to any stream and counts the position, because labels are absolute file
/// offsets and the output stream need not be seekable.
/// </summary>
internal sealed class SerializedWriter
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _used;
    private long _flushed;

    public SerializedWriter(Stream stream)
    {
        _stream = stream;
    }

    public long Position => _flushed + _used;

    /// <summary>The current position as a label; labels are 4 bytes, so files stay below 2 GiB.</summary>
    public int Label => Position <= int.MaxValue
        ? (int)Position
        : throw new InvalidOperationException("A .gcdump is limited to 2 GiB (its labels are 32-bit file offsets).");

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _used += 1;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        _used += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        _used += 8;
    }

    public void WriteSingle(float value) => WriteInt32(BitConverter.SingleToInt32Bits(value));

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteCompressed(int value)
    {
        // Reserve may flush and reset _used, so it must run before _used is read.
        var span = Reserve(CompressedInt.MaxLength);
        _used += CompressedInt.Write(span, value);
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }
        WriteInt32(value.Length);
        foreach (char c in value)
        {
            // Each UTF-16 code unit on its own (surrogate halves too), UTF-8 style.
            var span = Reserve(3);
            if (c < 0x80)
            {
                span[0] = (byte)c;
                _used += 1;
            }
            else if (c < 0x800)
            {
                span[0] = (byte)(0xC0 | (c >> 6));
                span[1] = (byte)(0x80 | (c & 0x3F));
                _used += 2;
            }
            else
            {
                span[0] = (byte)(0xE0 | (c >> 12));
                span[1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                span[2] = (byte)(0x80 | (c & 0x3F));
                _used += 3;
            }
        }
    }

    /// <summary>Writes a type header: BeginObject, NullReference, version, minimum reader version, name, EndObject.</summary>
    public void WriteTypeHeader(string name, int version, int minimumReaderVersion)
    {
        WriteByte(SerializationTags.BeginObject);
        WriteByte(SerializationTags.NullReference);
        WriteInt32(version);
        WriteInt32(minimumReaderVersion);
        WriteString(name);
        WriteByte(SerializationTags.EndObject);
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _flushed += _used;
        _used = 0;
        _stream.Flush();
    }

    private Span<byte> Reserve(int count)
    {
        if (_used + count > _buffer.Length)
        {
            _stream.Write(_buffer, 0, _used);
            _flushed += _used;
            _used = 0;
        }
        return _buffer.AsSpan(_used, count);
    }
}
