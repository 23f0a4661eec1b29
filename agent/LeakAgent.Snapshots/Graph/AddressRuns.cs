namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// The objects' node order and the address lookup, from the ascending runs of the input. The runtime walks the heap
/// region by region, each in address order, and regions do not overlap: sorting the few runs by their first address
/// puts every object in address order without sorting (or copying) the objects themselves. Input whose runs overlap
/// is handled by making every object a run of its own, which costs ~24 bytes per object while building.
/// </summary>
internal sealed class AddressRuns
{
    private readonly ChunkedBuffer<ulong> _addresses;
    private readonly int[] _starts;
    private readonly int[] _firstNodes;
    private readonly ulong[] _sortedFirstAddresses;
    private readonly int[] _sortedRuns;
    private readonly int _objectCount;

    private AddressRuns(ChunkedBuffer<ulong> addresses, int[] starts, ulong[] sortedFirstAddresses, int[] sortedRuns)
    {
        (_addresses, _starts, _objectCount) = (addresses, starts, (int)addresses.Count);
        (_sortedFirstAddresses, _sortedRuns) = (sortedFirstAddresses, sortedRuns);
        _firstNodes = new int[starts.Length];
        int node = 1;
        foreach (int run in sortedRuns)
        {
            _firstNodes[run] = node;
            node += Length(run);
        }
    }

    /// <summary>Number of runs, in input order.</summary>
    public int Count => _starts.Length;

    /// <summary>Orders the objects in <paramref name="addresses"/> (input order) as nodes 1..N by address.</summary>
    /// <param name="addresses">The objects' addresses in input order; read until the builder releases it.</param>
    /// <param name="runStarts">The input index where each ascending run starts.</param>
    public static AddressRuns Create(ChunkedBuffer<ulong> addresses, IReadOnlyList<int> runStarts)
    {
        int objectCount = (int)addresses.Count;
        var starts = new int[runStarts.Count];
        for (int r = 0; r < starts.Length; r++)
        {
            starts[r] = runStarts[r];
        }
        var runs = TrySort(addresses, starts, objectCount);
        if (runs is null)
        {
            var singles = new int[objectCount];
            for (int i = 0; i < objectCount; i++)
            {
                singles[i] = i;
            }
            // Single objects never overlap, so this cannot fail.
            runs = TrySort(addresses, singles, objectCount)!;
        }
        return runs;
    }

    /// <summary>The input index of a run's first object.</summary>
    public int Start(int run) => _starts[run];

    /// <summary>The input index after a run's last object.</summary>
    public int End(int run) => run + 1 < _starts.Length ? _starts[run + 1] : _objectCount;

    /// <summary>The node index of a run's first object (its others follow it).</summary>
    public int FirstNode(int run) => _firstNodes[run];

    /// <summary>The runs in node (address) order.</summary>
    public ReadOnlySpan<int> RunsInNodeOrder => _sortedRuns;

    /// <summary>The node index of the object at <paramref name="address"/>, or -1 if no object has that address.</summary>
    public int Resolve(ulong address)
    {
        int k = Array.BinarySearch(_sortedFirstAddresses, address);
        if (k >= 0)
        {
            return _firstNodes[_sortedRuns[k]];
        }
        k = ~k - 1;
        if (k < 0)
        {
            return -1;
        }
        int run = _sortedRuns[k];
        int low = Start(run) + 1;
        int high = End(run) - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            ulong value = _addresses[middle];
            if (value == address)
            {
                return _firstNodes[run] + (middle - Start(run));
            }
            if (value < address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }

    private int Length(int run) => End(run) - Start(run);

    private static AddressRuns? TrySort(ChunkedBuffer<ulong> addresses, int[] starts, int objectCount)
    {
        var firstAddresses = new ulong[starts.Length];
        var order = new int[starts.Length];
        for (int r = 0; r < starts.Length; r++)
        {
            firstAddresses[r] = addresses[starts[r]];
            order[r] = r;
        }
        Array.Sort(firstAddresses, order);
        for (int k = 1; k < order.Length; k++)
        {
            int previous = order[k - 1];
            int previousEnd = previous + 1 < starts.Length ? starts[previous + 1] : objectCount;
            if (addresses[previousEnd - 1] > firstAddresses[k])
            {
                return null;
            }
        }
        return new AddressRuns(addresses, starts, firstAddresses, order);
    }
}
