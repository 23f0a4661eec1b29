using LeakAgent.Benchmarks.Statics;

namespace LeakAgent.Benchmarks.Services;

/// <summary>The state of one generated singleton: a list, a dictionary, an array, and a holder with a list below it.</summary>
public abstract class ServiceBase
{
    private static int s_seed;
    private readonly List<int> _items;
    private readonly Dictionary<int, int> _index;
    private readonly int[] _buffer;
    private readonly Holder _holder = new();

    protected ServiceBase()
    {
        var size = 1 + (Interlocked.Increment(ref s_seed) % 16);
        _items = Enumerable.Range(0, size).ToList();
        _index = Enumerable.Range(0, size).ToDictionary(i => i);
        _buffer = new int[size];
    }

    /// <summary>Keeps the analyzers from calling the fields unused: the scan reads them by reflection.</summary>
    public int Size => _items.Count + _index.Count + _buffer.Length + _holder.Items.Count;
}
