namespace LeakAgent.Snapshots.Graph;

/// <summary>Maps an object address to its node index by binary search over nodes 1..N, which are sorted by address.</summary>
internal readonly struct AddressResolver
{
    private readonly ulong[] _addresses;
    private readonly int _count;

    public AddressResolver(ulong[] addresses, int count)
    {
        _addresses = addresses;
        _count = count;
    }

    /// <summary>The node index of the object at <paramref name="address"/>, or -1 if no object has that address.</summary>
    public int Resolve(ulong address)
    {
        int position = Array.BinarySearch(_addresses, 1, _count, address);
        return position >= 0 ? position : -1;
    }
}
