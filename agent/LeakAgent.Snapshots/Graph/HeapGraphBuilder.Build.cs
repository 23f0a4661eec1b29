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
        var runs = AddressRuns.Create(_nodeAddresses, _runStarts);
        pseudo.ResolveChildren(runs);

        // Each step turns one kind of input into its final array and drops the input chunks it consumed, so the
        // input and the graph are never both whole. Per object (2 references each, ~20 + 16 bytes of input) the
        // live peak is ~36 bytes, at the allocation of the children array.
        var keptPerRun = new int[runs.Count];
        var resolved = ResolveEdges(runs, keptPerRun);
        var addresses = new ulong[nodeCount];
        CopyInNodeOrder(runs, _nodeAddresses, addresses);
        var nodeTypes = new int[nodeCount];
        for (int run = 0; run < runs.Count; run++)
        {
            int node = runs.FirstNode(run);
            for (int i = runs.Start(run); i < runs.End(run); i++)
            {
                nodeTypes[node++] = slotTypes[_nodeTypeSlots[i]];
            }
            _nodeTypeSlots.ReleaseBefore(runs.End(run));
        }
        var nodeSizes = new int[nodeCount];
        CopyInNodeOrder(runs, _nodeSizes, nodeSizes);

        int rootEdges = pseudo.RootEdgeCount;
        var childStarts = new int[nodeCount + 1];
        int cursor = rootEdges;
        foreach (int run in runs.RunsInNodeOrder)
        {
            int node = runs.FirstNode(run);
            for (int i = runs.Start(run); i < runs.End(run); i++)
            {
                childStarts[node++] = cursor;
                cursor += _nodeEdgeCounts[i];
            }
        }
        _nodeEdgeCounts.Clear();
        var children = new int[cursor + pseudo.EdgeCount];
        pseudo.WriteRootChildren(children, 0);
        long source = 0;
        for (int run = 0; run < runs.Count; run++)
        {
            int destination = childStarts[runs.FirstNode(run)];
            for (int e = 0; e < keptPerRun[run]; e++)
            {
                children[destination + e] = resolved[source + e];
            }
            source += keptPerRun[run];
            resolved.ReleaseBefore(source);
        }
        int edgeCursor = pseudo.WritePseudoNodes(nodeTypes, childStarts, children, cursor);
        childStarts[nodeCount] = edgeCursor;
        nodeTypes[0] = pseudo.RootType;
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
        _runStarts.Clear();
        _runStarts.TrimExcess();
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

    /// <summary>
    /// Resolves the edge stream to node indices in input order, releasing the target addresses as it goes;
    /// afterwards each node's edge count is the number of edges kept (targets that are objects).
    /// </summary>
    private ChunkedBuffer<int> ResolveEdges(AddressRuns runs, int[] keptPerRun)
    {
        var resolved = new ChunkedBuffer<int>();
        long edge = 0;
        for (int run = 0; run < runs.Count; run++)
        {
            long runStart = resolved.Count;
            for (int i = runs.Start(run); i < runs.End(run); i++)
            {
                int kept = 0;
                for (long end = edge + _nodeEdgeCounts[i]; edge < end; edge++)
                {
                    int child = runs.Resolve(_edgeTargets[edge]);
                    if (child >= 0)
                    {
                        resolved.Add(child);
                        kept++;
                    }
                }
                _nodeEdgeCounts[i] = kept;
            }
            keptPerRun[run] = (int)(resolved.Count - runStart);
            _edgeTargets.ReleaseBefore(edge);
        }
        _edgeTargets.Clear();
        return resolved;
    }

    private static void CopyInNodeOrder<T>(AddressRuns runs, ChunkedBuffer<T> input, T[] output)
        where T : unmanaged
    {
        for (int run = 0; run < runs.Count; run++)
        {
            int node = runs.FirstNode(run);
            for (int i = runs.Start(run); i < runs.End(run); i++)
            {
                output[node++] = input[i];
            }
            input.ReleaseBefore(runs.End(run));
        }
        input.Clear();
    }

    /// <summary>Exposes the collected roots to <see cref="PseudoNodeTree"/>.</summary>
    internal List<(ulong Address, HeapRootKind Kind)> Roots => _roots;

    internal List<(ulong Address, ulong TypeId, string? TypeName, string FieldName, bool ThreadStatic)> StaticRoots => _staticRoots;
}
