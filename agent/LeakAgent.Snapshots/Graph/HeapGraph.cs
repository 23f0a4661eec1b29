namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// A heap snapshot as a compact, immutable graph: a type table and, per node, a type index, a size, an optional
/// address and its children in CSR form. Node <see cref="RootIndex"/> is the pseudo-root <c>[.NET Roots]</c>
/// whose descendants group the GC roots (see <see cref="HeapRootNames"/>).
/// </summary>
/// <remarks>
/// Structure of arrays, no object per node: 12 bytes per node (type, size, child offset) + 4 per edge + 8 per node
/// when addresses are kept. A built graph's children array keeps one unused slot per reference the builder dropped
/// (it is decoded in place rather than copied to its exact size). Nodes that are referenced but were never defined have type 0 (<c>UNDEFINED</c>),
/// size 0 and no children. Build one with <see cref="HeapGraphBuilder"/> or read one with the gcdump reader.
/// </remarks>
public sealed class HeapGraph
{
    private readonly string[] _typeNames;
    private readonly string?[] _typeModules;
    private readonly int[] _nodeTypes;
    private readonly int[] _nodeSizes;
    private readonly int[] _childStarts;
    private readonly int[] _children;
    private readonly int _edgeCount;
    private ulong[]? _addresses;
    private readonly bool[] _pseudoTypes;

    /// <summary>Wraps arrays that the caller has already validated; the graph takes ownership of them.</summary>
    /// <param name="typeNames">Type names; index 0 is <c>UNDEFINED</c>.</param>
    /// <param name="typeModules">Module path per type, null for pseudo types.</param>
    /// <param name="nodeTypes">Type index per node.</param>
    /// <param name="nodeSizes">Size in bytes per node.</param>
    /// <param name="childStarts">NodeCount + 1 offsets into <paramref name="children"/>.</param>
    /// <param name="children">Child node indices of every node, in node order; may be longer than <paramref name="edgeCount"/>.</param>
    /// <param name="edgeCount">How many entries of <paramref name="children"/> are used.</param>
    /// <param name="addresses">Address per node (0 for pseudo and undefined nodes), or null.</param>
    /// <param name="rootIndex">The pseudo-root's node index.</param>
    internal HeapGraph(string[] typeNames, string?[] typeModules, int[] nodeTypes, int[] nodeSizes, int[] childStarts, int[] children, int edgeCount, ulong[]? addresses, int rootIndex)
    {
        _typeNames = typeNames;
        _typeModules = typeModules;
        _nodeTypes = nodeTypes;
        _nodeSizes = nodeSizes;
        _childStarts = childStarts;
        _children = children;
        _edgeCount = edgeCount;
        _addresses = addresses;
        RootIndex = rootIndex;
        _pseudoTypes = new bool[typeNames.Length];
        for (int t = 0; t < typeNames.Length; t++)
        {
            // Pseudo nodes are named "[...]" and belong to no module; "[]c" (a compiler-generated closure class) has one.
            _pseudoTypes[t] = typeModules[t] is null && typeNames[t].StartsWith('[');
        }
        // Objects only: a pseudo node (a root group) or an undefined one has no bytes of its own, and a crafted
        // dump that gives one a size must not inflate the heap ("3.7 GB in 1 objects").
        long total = 0;
        for (int node = 0; node < nodeSizes.Length; node++)
        {
            int type = nodeTypes[node];
            if (type != 0 && !_pseudoTypes[type])
            {
                total += nodeSizes[node];
            }
        }
        TotalSize = total;
    }

    /// <summary>Number of nodes, including pseudo-nodes and undefined nodes.</summary>
    public int NodeCount => _nodeTypes.Length;

    /// <summary>Number of types, including type 0 (<c>UNDEFINED</c>) and the pseudo types.</summary>
    public int TypeCount => _typeNames.Length;

    /// <summary>Number of edges (sum of child counts, including the pseudo-nodes' edges).</summary>
    public int EdgeCount => _edgeCount;

    /// <summary>Index of the pseudo-root <c>[.NET Roots]</c>.</summary>
    public int RootIndex { get; }

    /// <summary>Sum of the objects' sizes in bytes (pseudo and undefined nodes have none).</summary>
    public long TotalSize { get; }

    /// <summary>Whether per-node addresses are known.</summary>
    public bool HasAddresses => _addresses is not null;

    /// <summary>
    /// Drops the objects' addresses (8 bytes an object), which only the dump file's address table needs: the agent
    /// writes the dump first and then computes its leak report on the graph without them, in the memory they took.
    /// </summary>
    public void ReleaseAddresses() => _addresses = null;

    /// <summary>The type index of a node.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>An index into the type table.</returns>
    public int GetTypeIndex(int node) => _nodeTypes[node];

    /// <summary>The size of a node in bytes.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The size in bytes.</returns>
    public int GetSize(int node) => _nodeSizes[node];

    /// <summary>The address of a node's object, or 0 for pseudo-nodes, undefined nodes and graphs without addresses.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The address, or 0.</returns>
    public ulong GetAddress(int node) => _addresses is null ? 0 : _addresses[node];

    /// <summary>The nodes a node references, in order.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The children's node indices.</returns>
    public ReadOnlySpan<int> GetChildren(int node) => _children.AsSpan(_childStarts[node], _childStarts[node + 1] - _childStarts[node]);

    /// <summary>The number of children of a node.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The child count.</returns>
    public int GetChildCount(int node) => _childStarts[node + 1] - _childStarts[node];

    /// <summary>The name of a type in gcdump form (e.g. <c>List&lt;System.String&gt;</c>, <c>System.String[] (Bytes &gt; 100K)</c>).</summary>
    /// <param name="typeIndex">The type index.</param>
    /// <returns>The type's name.</returns>
    public string GetTypeName(int typeIndex) => _typeNames[typeIndex];

    /// <summary>The full path of the module that defines a type, or null (pseudo types, <c>UNDEFINED</c>).</summary>
    /// <param name="typeIndex">The type index.</param>
    /// <returns>The module path, or null.</returns>
    public string? GetTypeModule(int typeIndex) => _typeModules[typeIndex];

    /// <summary>The name of a node's type.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The type name.</returns>
    public string GetNodeTypeName(int node) => _typeNames[_nodeTypes[node]];

    /// <summary>Whether a type is one of the root-grouping pseudo types (<c>[.NET Roots]</c>, <c>[static var …]</c>, …).</summary>
    /// <param name="typeIndex">The type index.</param>
    /// <returns>True for pseudo types.</returns>
    public bool IsPseudoType(int typeIndex) => _pseudoTypes[typeIndex];

    /// <summary>Whether a node is a real heap object: neither a pseudo-node nor undefined.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>True for objects of the managed heap.</returns>
    public bool IsObject(int node) => _nodeTypes[node] != 0 && !_pseudoTypes[_nodeTypes[node]];

    /// <summary>Raw access for the writer and the analyses, which walk millions of nodes.</summary>
    internal ReadOnlySpan<int> NodeTypes => _nodeTypes;

    internal ReadOnlySpan<int> NodeSizes => _nodeSizes;

    internal ReadOnlySpan<int> ChildStarts => _childStarts;

    internal ReadOnlySpan<int> Children => _children.AsSpan(0, _edgeCount);
}
