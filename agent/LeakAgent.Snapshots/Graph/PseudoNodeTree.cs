namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// The pseudo-nodes under <c>[.NET Roots]</c> that group the roots, laid out after the objects. Their number is
/// small (groups plus one node per static field), so plain lists are fine here.
/// </summary>
internal sealed class PseudoNodeTree
{
    private readonly List<Node> _nodes = [];
    private readonly List<Node> _rootChildren = [];
    private readonly Dictionary<string, Node> _byPath = new(StringComparer.Ordinal);
    private readonly TypeTable _types;

    private readonly int _firstIndex;

    /// <param name="builder">The roots come from here.</param>
    /// <param name="types">Pseudo types are interned here.</param>
    /// <param name="firstIndex">The node index of the first pseudo-node (they follow the objects).</param>
    public PseudoNodeTree(HeapGraphBuilder builder, TypeTable types, int firstIndex)
    {
        _types = types;
        _firstIndex = firstIndex;
        RootType = types.Intern(HeapRootNames.Root, null);
        // The groups every gcdump has, in upstream's order, even when empty.
        var statics = GetOrAdd(null, HeapRootNames.StaticVars);
        foreach (var root in builder.StaticRoots)
        {
            string typeName = root.TypeName is null ? builder.TypeNameOf(root.TypeId) : TypeNameFormatter.Format(root.TypeName);
            var name = builder.StaticFieldNamer?.Invoke(typeName, root.FieldName) ?? new StaticFieldName(typeName, root.FieldName);
            var parent = root.ThreadStatic ? GetOrAdd(null, HeapRootNames.ThreadStaticVars) : statics;
            GetOrAdd(parent, HeapRootNames.StaticVar(name.TypeName, name.FieldName)).Addresses.Add(root.Address);
        }
        var locals = GetOrAdd(null, HeapRootNames.LocalVars);
        var other = GetOrAdd(null, HeapRootNames.OtherRoots);
        foreach (var (address, kind) in builder.Roots)
        {
            var group = kind switch
            {
                HeapRootKind.Stack => locals,
                HeapRootKind.StrongHandle => GetOrAdd(other, HeapRootNames.StrongHandles),
                HeapRootKind.PinningHandle => GetOrAdd(other, HeapRootNames.PinningHandles),
                HeapRootKind.DependentHandle => GetOrAdd(other, HeapRootNames.DependentHandles),
                HeapRootKind.Finalizer => GetOrAdd(other, HeapRootNames.FinalizerHandles),
                HeapRootKind.RefCounted => GetOrAdd(other, HeapRootNames.ComObjects),
                _ => GetOrAdd(other, HeapRootNames.OtherHandles),
            };
            group.Addresses.Add(address);
        }
    }

    public int Count => _nodes.Count;

    public int RootType { get; }

    /// <summary>The root's edges (to the groups).</summary>
    public int RootEdgeCount => _rootChildren.Count;

    /// <summary>The other pseudo-nodes' edges; exact once <see cref="ResolveChildren"/> ran.</summary>
    public int EdgeCount
    {
        get
        {
            int count = 0;
            foreach (var node in _nodes)
            {
                count += node.Children.Count + node.Addresses.Count + node.Resolved.Count;
            }
            return count;
        }
    }

    public void ResolveChildren(AddressRuns resolver)
    {
        foreach (var node in _nodes)
        {
            foreach (ulong address in node.Addresses)
            {
                int child = resolver.Resolve(address);
                if (child >= 0)
                {
                    node.Resolved.Add(child);
                }
            }
            node.Addresses.Clear();
        }
    }

    public int WriteRootChildren(int[] children, int cursor)
    {
        foreach (var node in _rootChildren)
        {
            children[cursor++] = node.Index;
        }
        return cursor;
    }

    /// <summary>Writes types and children of the pseudo-nodes, which occupy the last indices of the graph.</summary>
    public int WritePseudoNodes(int[] nodeTypes, int[] childStarts, int[] children, int cursor)
    {
        foreach (var node in _nodes)
        {
            nodeTypes[node.Index] = _types.Intern(node.Name, null);
            childStarts[node.Index] = cursor;
            foreach (var child in node.Children)
            {
                children[cursor++] = child.Index;
            }
            foreach (int child in node.Resolved)
            {
                children[cursor++] = child;
            }
        }
        return cursor;
    }

    private Node GetOrAdd(Node? parent, string name)
    {
        string path = parent is null ? name : parent.Name + "/" + name;
        if (!_byPath.TryGetValue(path, out var node))
        {
            node = new Node(name, _firstIndex + _nodes.Count);
            _nodes.Add(node);
            _byPath.Add(path, node);
            (parent?.Children ?? _rootChildren).Add(node);
        }
        return node;
    }

    private sealed class Node(string name, int index)
    {
        public string Name { get; } = name;

        public int Index { get; } = index;

        public List<Node> Children { get; } = [];

        public List<ulong> Addresses { get; } = [];

        public List<int> Resolved { get; } = [];
    }
}
