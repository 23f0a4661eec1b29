using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// Reads FastSerialization primitives from a whole file in memory. Every read is checked against the bytes left,
/// so a corrupt count or offset becomes a <see cref="GcDumpFormatException"/>, never an allocation it cannot back.
/// </summary>
internal sealed class SerializedReader
{
    private readonly byte[] _data;

    public SerializedReader(byte[] data)
    {
        _data = data;
    }

    public int Position { get; set; }

    public int Length => _data.Length;

    public int Remaining => _data.Length - Position;

    public ReadOnlySpan<byte> Data => _data;

    public byte ReadByte()
    {
        Need(1, "a byte");
        return _data[Position++];
    }

    public int ReadInt32()
    {
        Need(4, "an int32");
        int value = BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(Position));
        Position += 4;
        return value;
    }

    public long ReadInt64()
    {
        Need(8, "an int64");
        long value = BinaryPrimitives.ReadInt64LittleEndian(_data.AsSpan(Position));
        Position += 8;
        return value;
    }

    public float ReadSingle() => BitConverter.Int32BitsToSingle(ReadInt32());

    public bool ReadBoolean() => ReadByte() != 0;

    /// <summary>An int32 count of UTF-16 code units (-1 = null), each unit encoded on its own in 1-3 bytes.</summary>
    public string? ReadString()
    {
        int start = Position;
        int count = ReadInt32();
        if (count == -1)
        {
            return null;
        }
        if (count < -1)
        {
            throw Corrupt($"negative string length {count}", start);
        }
        // Each code unit takes at least one byte: a count above what is left cannot be real.
        Need(count, $"a string of {count} characters");
        var builder = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            int b = ReadByte();
            int unit;
            if (b < 0x80)
            {
                unit = b;
            }
            else if ((b & 0xE0) == 0xC0)
            {
                unit = ((b & 0x1F) << 6) | Continuation();
            }
            else if ((b & 0xF0) == 0xE0)
            {
                unit = ((b & 0x0F) << 12) | (Continuation() << 6) | Continuation();
            }
            else
            {
                throw Corrupt($"invalid string byte 0x{b:x2}", Position - 1);
            }
            builder.Append((char)unit);
        }
        return builder.ToString();
    }

    public void Expect(byte tag, string what)
    {
        int at = Position;
        byte actual = ReadByte();
        if (actual != tag)
        {
            throw Corrupt($"expected {what} (tag {tag}) but found tag {actual}", at);
        }
    }

    /// <summary>Checks that <paramref name="count"/> more bytes exist; a shortfall means the file was cut.</summary>
    public void Need(long count, string what)
    {
        if (count > Remaining)
        {
            throw new GcDumpFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The gcdump is truncated: {what} needs {count} bytes at offset {Position} but the file has {Length} bytes."));
        }
    }

    public static GcDumpFormatException Corrupt(string what, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The gcdump is corrupt: {what} at offset {offset}."));

    private int Continuation()
    {
        int b = ReadByte();
        if ((b & 0xC0) != 0x80)
        {
            throw Corrupt($"invalid string continuation byte 0x{b:x2}", Position - 1);
        }
        return b & 0x3F;
    }
}
