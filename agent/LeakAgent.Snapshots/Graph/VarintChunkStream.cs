namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// An append-only stream of variable-length integers (7 bits per byte, high bit = more) in 64 KB chunks, read back
/// in order. A heap walk's values are mostly small: an object's address is usually the end of the previous one, its
/// size and type fit a byte or two, a reference usually points near the previous reference. Stored this way a
/// typical object with two references takes 3-7 bytes instead of the ~36 of fixed-width arrays. The chunks stay
/// below the large-object threshold, never get copied, and a releasing reader drops each chunk it has passed.
/// </summary>
internal sealed class VarintChunkStream
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxVarintLength = 10;

    private readonly List<byte[]?> _chunks = [];
    private byte[] _current = [];
    private int _position;

    public void Write(ulong value)
    {
        if (_current.Length - _position < MaxVarintLength)
        {
            WriteSlow(value);
            return;
        }
        var chunk = _current;
        int position = _position;
        while (value >= 0x80)
        {
            chunk[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        chunk[position++] = (byte)value;
        _position = position;
    }

    /// <summary>Writes a signed value zig-zag encoded, so small negative deltas stay small.</summary>
    public void WriteSigned(long value) => Write((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A reader from the first byte; with <paramref name="release"/> it drops every chunk it has finished.</summary>
    public Reader OpenReader(bool release) => new(this, release);

    /// <summary>Drops every byte: nothing stays reachable through this stream.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _chunks.TrimExcess();
        _current = [];
        _position = 0;
    }

    private void WriteSlow(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        if (_position == _current.Length)
        {
            _current = new byte[ChunkSize];
            _chunks.Add(_current);
            _position = 0;
        }
        _current[_position++] = value;
    }

    /// <summary>Reads the values back in the order they were written.</summary>
    internal sealed class Reader(VarintChunkStream stream, bool release)
    {
        private int _chunkIndex = -1;
        private byte[] _chunk = [];
        private int _position;

        public ulong Read()
        {
            ulong value = 0;
            int shift = 0;
            byte b;
            do
            {
                b = ReadByte();
                value |= (ulong)(b & 0x7f) << shift;
                shift += 7;
            }
            while (b >= 0x80);
            return value;
        }

        public long ReadSigned()
        {
            ulong value = Read();
            return (long)(value >> 1) ^ -(long)(value & 1);
        }

        private byte ReadByte()
        {
            if (_position == _chunk.Length)
            {
                if (release && _chunkIndex >= 0)
                {
                    stream._chunks[_chunkIndex] = null;
                }
                _chunkIndex++;
                // The last chunk is only filled up to the stream's position; reading past it is a builder bug.
                _chunk = stream._chunks[_chunkIndex]!;
                _position = 0;
            }
            return _chunk[_position++];
        }
    }
}
