namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// An append-only list stored in fixed-size chunks. Unlike a doubling array it never copies what it holds and
/// never needs twice its size while growing, which matters when a heap walk streams tens of millions of values
/// into a process we are a guest in.
/// </summary>
internal sealed class ChunkedBuffer<T>
    where T : unmanaged
{
    // 64K elements: 512 KB chunks for longs, large enough to amortize, small enough to free progressively.
    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[]?[] _chunks = new T[]?[4];
    private long _count;

    public long Count => _count;

    public T this[long index]
    {
        get => _chunks[index >> ChunkShift]![index & ChunkMask];
        set => _chunks[index >> ChunkShift]![index & ChunkMask] = value;
    }

    public void Add(T value)
    {
        long chunk = _count >> ChunkShift;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }
        var array = _chunks[chunk] ??= new T[ChunkSize];
        array[_count & ChunkMask] = value;
        _count++;
    }

    /// <summary>Drops every chunk that lies entirely before <paramref name="index"/>; those values are no longer readable.</summary>
    public void ReleaseBefore(long index)
    {
        long lastFull = Math.Min((index >> ChunkShift) - 1, _chunks.Length - 1);
        for (long c = lastFull; c >= 0 && _chunks[c] is not null; c--)
        {
            _chunks[c] = null;
        }
    }

    /// <summary>Drops every value: nothing stays reachable through this buffer.</summary>
    public void Clear()
    {
        _chunks = new T[]?[4];
        _count = 0;
    }

    /// <summary>Copies the values into one array and releases the chunks as they are copied.</summary>
    public T[] DrainToArray()
    {
        var result = new T[_count];
        for (long c = 0; c * ChunkSize < _count; c++)
        {
            long start = c * ChunkSize;
            int length = (int)Math.Min(ChunkSize, _count - start);
            Array.Copy(_chunks[c]!, 0, result, start, length);
            _chunks[c] = null;
        }
        _count = 0;
        return result;
    }
}
