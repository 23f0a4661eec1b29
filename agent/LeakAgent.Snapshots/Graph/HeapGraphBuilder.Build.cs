using System.Globalization;

namespace LeakAgent.Snapshots.Graph;

/// <summary>The second half of the builder: address resolution, the root pseudo-nodes and the final arrays.</summary>
public sealed partial class HeapGraphBuilder
{
    /// <summary>The most objects one graph holds (node indices and edge offsets are 32-bit).</summary>
    public const int MaxNodeCount = 100_000_000;

    /// <summary>
    /// Resolves addresses and returns the graph: node 0 is <c>[.NET Roots]</c>, nodes 1..N are the objects in
    /// ascending address order, then the pseudo-nodes that group the roots. Edges and roots to addresses that are
    /// not objects of the walk are dropped. Call once.
    /// </summary>
    /// <returns>The graph.</returns>
    /// <exception cref="InvalidOperationException">The edge stream does not match the nodes' edge counts (lost events), or Build ran already.</exception>
    public HeapGraph Build()
    {
        ThrowIfBuilt();
        if (_edgeTargets.Count != _declaredEdges)
        {
            throw new InvalidOperationException(
                $"The nodes declare {_declaredEdges:N0} edges but the edge stream has {_edgeTargets.Count:N0}: events were lost.");
        }
        if (_declaredEdges + _roots.Count + (2L * _staticRoots.Count) + 16 > int.MaxValue)
        {
            throw new InvalidOperationException($"A heap graph holds at most {int.MaxValue:N0} edges; this walk has {_declaredEdges:N0}.");
        }
        _built = true;

        var types = new TypeTable();
        int[] slotTypes = ResolveSlotTypes(types);
        int objectCount = (int)_nodeAddresses.Count;
        var pseudo = new PseudoNodeTree(this, types, 1 + objectCount);
        int nodeCount = 1 + objectCount + pseudo.Count;

        // Objects take nodes 1..N in address order, so the address array itself is the lookup table.
        var addresses = new ulong[nodeCount];
        bool sorted = true;
        for (int i = 0; i < objectCount; i++)
        {
            addresses[1 + i] = _nodeAddresses[i];
            sorted &= i == 0 || addresses[i] <= addresses[1 + i];
        }
        _nodeAddresses.ReleaseBefore(objectCount + (1L << 20));
        int[]? inputIndex = null;
        if (!sorted)
        {
            inputIndex = new int[nodeCount];
            for (int i = 0; i < objectCount; i++)
            {
                inputIndex[1 + i] = i;
            }
            Array.Sort(addresses, inputIndex, 1, objectCount);
        }
        var resolver = new AddressResolver(addresses, objectCount);
        pseudo.ResolveChildren(resolver);

        var nodeTypes = new int[nodeCount];
        var nodeSizes = new int[nodeCount];
        var childStarts = new int[nodeCount + 1];
        var children = new int[_declaredEdges + pseudo.EdgeCapacity];
        int edgeCursor = 0;
        nodeTypes[0] = pseudo.RootType;
        edgeCursor = pseudo.WriteRootChildren(children, edgeCursor);

        // Where each input node's edges start in the edge stream; needed only when nodes were reordered.
        long[]? edgeStarts = inputIndex is null ? null : PrefixSums(_nodeEdgeCounts, objectCount);
        long sequentialEdge = 0;
        for (int k = 0; k < objectCount; k++)
        {
            int node = 1 + k;
            int input = inputIndex is null ? k : inputIndex[node];
            childStarts[node] = edgeCursor;
            nodeTypes[node] = slotTypes[_nodeTypeSlots[input]];
            nodeSizes[node] = _nodeSizes[input];
            int count = _nodeEdgeCounts[input];
            long start = edgeStarts is null ? sequentialEdge : edgeStarts[input];
            for (long e = start; e < start + count; e++)
            {
                int child = resolver.Resolve(_edgeTargets[e]);
                if (child >= 0)
                {
                    children[edgeCursor++] = child;
                }
            }
            if (edgeStarts is null)
            {
                sequentialEdge += count;
                _edgeTargets.ReleaseBefore(sequentialEdge);
            }
        }
        edgeCursor = pseudo.WritePseudoNodes(nodeTypes, childStarts, children, edgeCursor);
        childStarts[nodeCount] = edgeCursor;
        if (edgeCursor < children.Length)
        {
            Array.Resize(ref children, edgeCursor);
        }
        ReleaseInput();
        return new HeapGraph(types.Names.ToArray(), types.Modules.ToArray(), nodeTypes, nodeSizes, childStarts, children, addresses, 0);
    }

    // Whoever still holds the builder (a sink reachable from TraceEvent's parser templates until they are finalized,
    // a stale stack slot of a pool thread) must not also hold its input: that was ~36 bytes per object.
    private void ReleaseInput()
    {
        _nodeAddresses.Clear();
        _nodeSizes.Clear();
        _nodeTypeSlots.Clear();
        _nodeEdgeCounts.Clear();
        _edgeTargets.Clear();
        _slotsByKey.Clear();
        _slotsByKey.TrimExcess();
        _slots.Clear();
        _slots.TrimExcess();
        _types.Clear();
        _types.TrimExcess();
        _modules.Clear();
        _modules.TrimExcess();
        _roots.Clear();
        _roots.TrimExcess();
        _staticRoots.Clear();
        _staticRoots.TrimExcess();
    }

    /// <summary>The gcdump-form type name for a type id, as static-var roots need it.</summary>
    internal string TypeNameOf(ulong typeId) =>
        _types.TryGetValue(typeId, out var type)
            ? TypeNameFormatter.Format(type.Name)
            : "Type(0x" + typeId.ToString("x", CultureInfo.InvariantCulture) + ")";

    private int[] ResolveSlotTypes(TypeTable types)
    {
        var slotTypes = new int[_slots.Count];
        for (int s = 0; s < _slots.Count; s++)
        {
            var (typeId, bucket) = _slots[s];
            string name;
            string? module = null;
            if (_types.TryGetValue(typeId, out var type))
            {
                name = TypeNameFormatter.Format(type.Name);
                module = type.ModulePath ?? (_modules.TryGetValue(type.ModuleId, out var path) ? path : null);
            }
            else
            {
                name = "UNKNOWN 0x" + typeId.ToString("x", CultureInfo.InvariantCulture);
            }
            string suffix = bucket == 0 ? "" : TypeNameFormatter.BucketSuffix(bucket);
            // A type without a module would look like a pseudo type; real types always get a (maybe placeholder) module.
            slotTypes[s] = types.Intern(name + suffix, module ?? "Module(unknown)");
        }
        return slotTypes;
    }

    private static long[] PrefixSums(ChunkedBuffer<int> counts, int length)
    {
        var starts = new long[length];
        long sum = 0;
        for (int i = 0; i < length; i++)
        {
            starts[i] = sum;
            sum += counts[i];
        }
        return starts;
    }

    /// <summary>Exposes the collected roots to <see cref="PseudoNodeTree"/>.</summary>
    internal List<(ulong Address, HeapRootKind Kind)> Roots => _roots;

    internal List<(ulong Address, ulong TypeId, string? TypeName, string FieldName, bool ThreadStatic)> StaticRoots => _staticRoots;
}
