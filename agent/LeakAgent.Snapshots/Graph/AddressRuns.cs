namespace LeakAgent.Snapshots.Graph;

/// <summary>One ascending run of the walk: the input index of its first object and its first and last addresses.</summary>
internal record struct AddressRun(int Start, ulong First, ulong Last);

/// <summary>
/// The objects' node order and the address lookup, from the ascending runs of the input. The runtime walks the heap
/// region by region, each in address order, and regions do not overlap: sorting the few runs by their first address
/// puts every object in address order without sorting (or copying) the objects themselves. Input whose runs overlap
/// is handled by making every object a run of its own, which costs ~28 bytes per object while building.
/// </summary>
internal sealed class AddressRuns
{
    private readonly int[] _starts;
    private readonly int[] _firstNodes;
    private readonly ulong[] _sortedFirstAddresses;
    private readonly int[] _sortedRuns;
    private readonly int _objectCount;
    private readonly ulong[] _nodeAddresses;

    private AddressRuns(int[] starts, ulong[] sortedFirstAddresses, int[] sortedRuns, int objectCount, ulong[] nodeAddresses)
    {
        (_starts, _objectCount, _nodeAddresses) = (starts, objectCount, nodeAddresses);
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

    /// <summary>Orders the objects as nodes 1..N by address.</summary>
    /// <param name="runs">The ascending runs, in input order.</param>
    /// <param name="objectCount">The number of objects.</param>
    /// <param name="nodeAddresses">The graph's address array, which <see cref="Resolve"/> searches once the builder has filled it.</param>
    /// <param name="decodeAddresses">Every object's address in input order; called only when runs overlap.</param>
    public static AddressRuns Create(IReadOnlyList<AddressRun> runs, int objectCount, ulong[] nodeAddresses, Func<ulong[]> decodeAddresses)
    {
        var starts = new int[runs.Count];
        var firsts = new ulong[runs.Count];
        var lasts = new ulong[runs.Count];
        for (int r = 0; r < starts.Length; r++)
        {
            (starts[r], firsts[r], lasts[r]) = (runs[r].Start, runs[r].First, runs[r].Last);
        }
        var result = TrySort(starts, firsts, lasts, objectCount, nodeAddresses);
        if (result is null)
        {
            var addresses = decodeAddresses();
            var singles = new int[objectCount];
            for (int i = 0; i < objectCount; i++)
            {
                singles[i] = i;
            }
            // Single objects never overlap, so this cannot fail.
            result = TrySort(singles, addresses, addresses, objectCount, nodeAddresses)!;
        }
        return result;
    }

    /// <summary>The input index of a run's first object.</summary>
    public int Start(int run) => _starts[run];

    /// <summary>The input index after a run's last object.</summary>
    public int End(int run) => run + 1 < _starts.Length ? _starts[run + 1] : _objectCount;

    /// <summary>The node index of a run's first object (its others follow it).</summary>
    public int FirstNode(int run) => _firstNodes[run];

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
        int firstNode = _firstNodes[run];
        int low = 1;
        int high = Length(run) - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            ulong value = _nodeAddresses[firstNode + middle];
            if (value == address)
            {
                return firstNode + middle;
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

    // firsts is copied (sorted with the run order); lasts is read as given.
    private static AddressRuns? TrySort(int[] starts, ulong[] firsts, ulong[] lasts, int objectCount, ulong[] nodeAddresses)
    {
        var firstAddresses = (ulong[])firsts.Clone();
        var order = new int[starts.Length];
        for (int r = 0; r < starts.Length; r++)
        {
            order[r] = r;
        }
        Array.Sort(firstAddresses, order);
        for (int k = 1; k < order.Length; k++)
        {
            if (lasts[order[k - 1]] > firstAddresses[k])
            {
                return null;
            }
        }
        return new AddressRuns(starts, firstAddresses, order, objectCount, nodeAddresses);
    }
}
