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
        if (_edgeCount != _declaredEdges)
        {
            throw new InvalidOperationException(
                $"The nodes declare {_declaredEdges:N0} edges but the edge stream has {_edgeCount:N0}: events were lost.");
        }
        if (_declaredEdges + _roots.Count + (2L * _staticRoots.Count) + 16 > int.MaxValue)
        {
            throw new InvalidOperationException($"A heap graph holds at most {int.MaxValue:N0} edges; this walk has {_declaredEdges:N0}.");
        }
        _built = true;
        CloseRun();

        var types = new TypeTable();
        int[] slotTypes = ResolveSlotTypes(types);
        int objectCount = (int)_nodeCount;
        var pseudo = new PseudoNodeTree(this, types, 1 + objectCount);
        int nodeCount = 1 + objectCount + pseudo.Count;

        // The graph's arrays are allocated once, at their final size, and the input is decoded straight into them:
        // nothing of the walk is ever held twice at full width. Only the children array can be longer than needed,
        // by one slot per dropped edge (a reference to an object outside the walk, e.g. a frozen string literal).
        var addresses = new ulong[nodeCount];
        var runs = AddressRuns.Create(_runs, objectCount, addresses, DecodeAddressesInInputOrder);
        var nodeTypes = new int[nodeCount];
        var nodeSizes = new int[nodeCount];
        var childStarts = new int[nodeCount + 1];
        DecodeNodes(runs, slotTypes, addresses, nodeTypes, nodeSizes, childStarts);
        pseudo.ResolveChildren(runs);

        int declaredEnd = EdgeCountsToStarts(childStarts, objectCount, pseudo.RootEdgeCount);
        var children = new int[declaredEnd + pseudo.EdgeCount];
        pseudo.WriteRootChildren(children, 0);
        int cursor = DecodeEdges(runs, childStarts, children, objectCount);
        int edgeCount = pseudo.WritePseudoNodes(nodeTypes, childStarts, children, cursor);
        childStarts[nodeCount] = edgeCount;
        nodeTypes[0] = pseudo.RootType;
        ReleaseInput();
        return new HeapGraph(types.Names.ToArray(), types.Modules.ToArray(), nodeTypes, nodeSizes, childStarts, children, edgeCount, addresses, 0);
    }

    // Whoever still holds the builder (a sink reachable from TraceEvent's parser templates until they are finalized,
    // a stale stack slot of a pool thread) must not also hold its input.
    private void ReleaseInput()
    {
        _nodeStream.Clear();
        _edgeStream.Clear();
        _runs.Clear();
        _runs.TrimExcess();
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

        // The in-process namer holds a reflection index of the app's static fields: needed only by Build().
        StaticFieldNamer = null;
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

    /// <summary>
    /// Decodes the node stream (input order, releasing it as it goes) into node order; each object's declared edge
    /// count goes to <paramref name="childStarts"/>[node] until <see cref="EdgeCountsToStarts"/> turns counts into offsets.
    /// </summary>
    private void DecodeNodes(AddressRuns runs, int[] slotTypes, ulong[] addresses, int[] nodeTypes, int[] nodeSizes, int[] childStarts)
    {
        var reader = new NodeReader(_nodeStream.OpenReader(release: true));
        for (int run = 0; run < runs.Count; run++)
        {
            int node = runs.FirstNode(run);
            for (int i = runs.Start(run); i < runs.End(run); i++, node++)
            {
                reader.Next();
                addresses[node] = reader.Address;
                nodeSizes[node] = reader.Size;
                nodeTypes[node] = slotTypes[reader.Slot];
                childStarts[node] = reader.EdgeCount;
            }
        }
        _nodeStream.Clear();
    }

    /// <summary>Only for input whose runs overlap: every object's address in input order, the stream kept for <see cref="DecodeNodes"/>.</summary>
    private ulong[] DecodeAddressesInInputOrder()
    {
        var addresses = new ulong[_nodeCount];
        var reader = new NodeReader(_nodeStream.OpenReader(release: false));
        for (long i = 0; i < addresses.Length; i++)
        {
            reader.Next();
            addresses[i] = reader.Address;
        }
        return addresses;
    }

    /// <summary>Turns the objects' edge counts (nodes 1..N) into offsets after the root's edges; returns the end of their edges.</summary>
    private static int EdgeCountsToStarts(int[] childStarts, int objectCount, int rootEdges)
    {
        int cursor = rootEdges;
        for (int node = 1; node <= objectCount; node++)
        {
            int count = childStarts[node];
            childStarts[node] = cursor;
            cursor += count;
        }
        childStarts[objectCount + 1] = cursor;
        return cursor;
    }

    /// <summary>
    /// Decodes the edge stream (input order, releasing it as it goes) into each object's slots, resolved to node
    /// indices, then closes the gaps left by edges to addresses that are not objects. Returns the end of the objects' edges.
    /// </summary>
    private int DecodeEdges(AddressRuns runs, int[] childStarts, int[] children, int objectCount)
    {
        var reader = _edgeStream.OpenReader(release: true);
        ulong previousTarget = 0;
        long dropped = 0;
        for (int run = 0; run < runs.Count; run++)
        {
            int node = runs.FirstNode(run);
            for (int i = runs.Start(run); i < runs.End(run); i++, node++)
            {
                for (int e = childStarts[node]; e < childStarts[node + 1]; e++)
                {
                    previousTarget = unchecked(previousTarget + (ulong)reader.ReadSigned());
                    int child = runs.Resolve(previousTarget);
                    children[e] = child;
                    dropped += child < 0 ? 1 : 0;
                }
            }
        }
        _edgeStream.Clear();
        int end = childStarts[objectCount + 1];
        if (dropped == 0)
        {
            return end;
        }
        // Compact in node order; writes never pass reads, so it works in place.
        int write = childStarts[1];
        int read = write;
        for (int node = 1; node <= objectCount; node++)
        {
            int readEnd = childStarts[node + 1];
            childStarts[node] = write;
            for (; read < readEnd; read++)
            {
                if (children[read] >= 0)
                {
                    children[write++] = children[read];
                }
            }
        }
        return write;
    }

    /// <summary>Decodes the node stream written by <see cref="AddNode"/>, one node per <see cref="Next"/>.</summary>
    private struct NodeReader(VarintChunkStream.Reader reader)
    {
        private ulong _previousEnd;

        public ulong Address { get; private set; }

        public int Size { get; private set; }

        public int Slot { get; private set; }

        public int EdgeCount { get; private set; }

        public void Next()
        {
            ulong header = reader.Read();
            EdgeCount = (int)(header >> HeaderFlagBits);
            Address = (header & AddressMovedFlag) != 0 ? unchecked(_previousEnd + (ulong)reader.ReadSigned()) : _previousEnd;
            if ((header & SizeChangedFlag) != 0)
            {
                Size = (int)reader.Read();
            }
            if ((header & SlotChangedFlag) != 0)
            {
                Slot = (int)reader.Read();
            }
            _previousEnd = unchecked(Address + (ulong)Size);
        }
    }

    /// <summary>Exposes the collected roots to <see cref="PseudoNodeTree"/>.</summary>
    internal List<(ulong Address, HeapRootKind Kind)> Roots => _roots;

    internal List<(ulong Address, ulong TypeId, string? TypeName, string FieldName, bool ThreadStatic)> StaticRoots => _staticRoots;
}
