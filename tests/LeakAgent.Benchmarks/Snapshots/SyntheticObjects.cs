namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// The heap the benchmark snapshots: <c>n</c> small objects, each referencing the next, held in arrays of 1,000 —
/// nodes and edges like a real heap's (a reference per object, array fan-out), none of it garbage.
/// </summary>
internal sealed class SyntheticObjects
{
    private const int ChunkSize = 1000;
    private readonly Item[][] _chunks;

    public SyntheticObjects(int count)
    {
        _chunks = new Item[(count + ChunkSize - 1) / ChunkSize][];
        Item? previous = null;
        for (var c = 0; c < _chunks.Length; c++)
        {
            var chunk = new Item[Math.Min(ChunkSize, count - (c * ChunkSize))];
            for (var i = 0; i < chunk.Length; i++)
            {
                previous = chunk[i] = new Item(previous, i);
            }

            _chunks[c] = chunk;
        }
    }

    /// <summary>Objects held: the items, their arrays and the array of arrays.</summary>
    public long ObjectCount => _chunks.Sum(c => (long)c.Length) + _chunks.Length + 1;

    private sealed class Item(Item? next, int id)
    {
        public Item? Next { get; } = next;

        public int Id { get; } = id;
    }
}
