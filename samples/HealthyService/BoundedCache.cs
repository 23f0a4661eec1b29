namespace Contoso.Reports;

/// <summary>A cache that fills to <c>capacity</c> entries and then replaces, never grows: a plateau, not a leak.</summary>
internal sealed class BoundedCache(int capacity)
{
    private readonly Dictionary<int, byte[]> _entries = [];

    public int Count => _entries.Count;

    public byte[] GetOrAdd(int key, int size)
    {
        var slot = key % capacity;
        if (!_entries.TryGetValue(slot, out var value))
        {
            value = new byte[size];
            _entries[slot] = value;
        }

        return value;
    }
}
