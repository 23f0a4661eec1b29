namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// Builds a <see cref="HeapGraph"/> from address-based input, in the order a GC heap walk produces it
/// (the runtime's BulkType / BulkNode / BulkEdge / BulkRootEdge / BulkRootStaticVar /
/// BulkRootConditionalWeakTableElementEdge events), then resolves addresses to node indices in <see cref="Build"/>.
/// </summary>
/// <remarks>
/// How to feed it (any order between the kinds of input, except the node/edge rule):
/// <list type="number">
/// <item><see cref="AddType(ulong, string, string?)"/> for each BulkType value: type id, the runtime's type name as
/// the event gives it (<c>System.Collections.Generic.List`1[System.String]</c>), module path. If the module path is
/// only known later (rundown), use <see cref="AddType(ulong, string, ulong)"/> and <see cref="AddModule"/>. Types may
/// arrive after the nodes that use them; names are resolved in <see cref="Build"/>.</item>
/// <item><see cref="AddNode"/> for each BulkNode value, and <see cref="AddEdge"/> (or <see cref="AddEdges"/>) for each
/// BulkEdge target, in stream order: a node with EdgeCount n owns the next n edges of the edge stream, so the two
/// streams may interleave freely as long as each is in order. <see cref="ReceivedEdgeCount"/> must equal
/// <see cref="DeclaredEdgeCount"/> before <see cref="Build"/>.</item>
/// <item><see cref="AddRoot"/> for each BulkRootEdge value (weak roots are ignored),
/// <see cref="AddStaticRoot(ulong, ulong, string, bool)"/> for each BulkRootStaticVar value (the event's TypeID),
/// <see cref="AddDependentHandle"/> for each conditional-weak-table element edge.</item>
/// <item><see cref="Build"/> once. Edges and roots whose target address is not a node are dropped.</item>
/// </list>
/// Memory while collecting: the input is stored as variable-length deltas in 64 KB chunks (no doubling copies):
/// per node its edge count, and its address (as the distance from the previous object's end), size and type only
/// where they differ from the previous node's, 1-6 bytes; per edge the distance from the previous edge's target,
/// 1-5 bytes. <see cref="Build"/> decodes it
/// straight into the graph's arrays, allocated once at their final size (see HeapGraphBuilder.Build.cs).
/// Not thread-safe: feed it from one thread.
/// </remarks>
public sealed partial class HeapGraphBuilder
{
    // Per node: a header (edge count, and flags for what differs from the previous node), then only what differs:
    // zig-zag (address - end of the previous node), size, type slot. Objects of one type and size packed one after
    // the other (an array's elements, a list's nodes) thus take one byte each. Per edge: zig-zag (target - previous
    // target). Both streams decode only in order, which is how Build() consumes them.
    internal const int AddressMovedFlag = 4;
    internal const int SizeChangedFlag = 2;
    internal const int SlotChangedFlag = 1;
    internal const int HeaderFlagBits = 3;
    private readonly VarintChunkStream _nodeStream = new();
    private readonly VarintChunkStream _edgeStream = new();
    private long _nodeCount;
    private long _edgeCount;
    private ulong _previousNodeEnd;
    private int _previousSize;
    private int _previousSlot;
    private ulong _previousTarget;

    // A "slot" is a (type id, size bucket) pair seen on a node; slots become named types in Build.
    private readonly Dictionary<(ulong TypeId, int Bucket), int> _slotsByKey = [];
    private readonly List<(ulong TypeId, int Bucket)> _slots = [];
    private readonly Dictionary<ulong, (string Name, string? ModulePath, ulong ModuleId)> _types = [];
    private readonly Dictionary<ulong, string> _modules = [];

    private readonly List<(ulong Address, HeapRootKind Kind)> _roots = [];
    private readonly List<(ulong Address, ulong TypeId, string? TypeName, string FieldName, bool ThreadStatic)> _staticRoots = [];

    private long _declaredEdges;
    private ulong _lastTypeId = ulong.MaxValue;
    private int _lastSlot = -1;
    private bool _built;

    // Where each ascending run of addresses starts in the input. The runtime walks the heap region by region, each in
    // address order, so a walk is a few dozen sorted runs; Build() sorts the runs, not the objects. A jump over more
    // than RunGap free bytes also starts a run: two regions walked one after the other may have a third, walked
    // later, between them, and runs must not overlap.
    private const ulong RunGap = 64 * 1024;
    private readonly List<AddressRun> _runs = [];
    private ulong _lastAddress;
    private ulong _lastEnd;

    /// <summary>Number of nodes added so far.</summary>
    public long NodeCount => _nodeCount;

    /// <summary>Sum of the edge counts of the nodes added so far.</summary>
    public long DeclaredEdgeCount => _declaredEdges;

    /// <summary>Number of edge targets added so far.</summary>
    public long ReceivedEdgeCount => _edgeCount;

    /// <summary>Defines a type whose module path is known now.</summary>
    /// <param name="typeId">The runtime's type id (the MethodTable address).</param>
    /// <param name="runtimeName">The type's name as the runtime reports it; converted with <see cref="TypeNameFormatter.Format"/>.</param>
    /// <param name="modulePath">The full path of the module's IL file, or null if unknown.</param>
    public void AddType(ulong typeId, string runtimeName, string? modulePath)
    {
        ArgumentNullException.ThrowIfNull(runtimeName);
        _types[typeId] = (runtimeName, modulePath, 0);
    }

    /// <summary>Defines a type whose module is known by id; the path comes from <see cref="AddModule"/>, before or after.</summary>
    /// <param name="typeId">The runtime's type id.</param>
    /// <param name="runtimeName">The type's name as the runtime reports it.</param>
    /// <param name="moduleId">The runtime's module id.</param>
    public void AddType(ulong typeId, string runtimeName, ulong moduleId)
    {
        ArgumentNullException.ThrowIfNull(runtimeName);
        _types[typeId] = (runtimeName, null, moduleId);
    }

    /// <summary>Names a module id (from module load or rundown events).</summary>
    /// <param name="moduleId">The runtime's module id.</param>
    /// <param name="modulePath">The full path of the module's IL file.</param>
    public void AddModule(ulong moduleId, string modulePath)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        _modules.TryAdd(moduleId, modulePath);
    }

    /// <summary>Adds one object. Its <paramref name="edgeCount"/> references are the next targets of the edge stream.</summary>
    /// <param name="address">The object's address.</param>
    /// <param name="size">The object's size in bytes (clamped to <see cref="int.MaxValue"/>).</param>
    /// <param name="typeId">The runtime's type id.</param>
    /// <param name="edgeCount">How many targets of the edge stream belong to this object.</param>
    public void AddNode(ulong address, long size, ulong typeId, int edgeCount)
    {
        ThrowIfBuilt();
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(edgeCount);
        if (_nodeCount >= MaxNodeCount)
        {
            throw new InvalidOperationException($"A heap graph holds at most {MaxNodeCount:N0} objects.");
        }
        int bucket = TypeNameFormatter.SizeBucket(size);
        int slot;
        if (bucket == 0 && typeId == _lastTypeId)
        {
            slot = _lastSlot;
        }
        else
        {
            if (!_slotsByKey.TryGetValue((typeId, bucket), out slot))
            {
                slot = _slots.Count;
                _slots.Add((typeId, bucket));
                _slotsByKey.Add((typeId, bucket), slot);
            }
            if (bucket == 0)
            {
                _lastTypeId = typeId;
                _lastSlot = slot;
            }
        }
        if (_nodeCount == 0 || address < _lastAddress || address - _lastEnd > RunGap)
        {
            CloseRun();
            _runs.Add(new AddressRun((int)_nodeCount, address, address));
        }
        _lastAddress = address;
        _lastEnd = address + (ulong)size;
        int storedSize = (int)Math.Min(size, int.MaxValue);
        long addressDelta = unchecked((long)(address - _previousNodeEnd));
        int flags = (addressDelta != 0 ? AddressMovedFlag : 0) | (storedSize != _previousSize ? SizeChangedFlag : 0) | (slot != _previousSlot ? SlotChangedFlag : 0);
        _nodeStream.Write(((ulong)edgeCount << HeaderFlagBits) | (uint)flags);
        if (addressDelta != 0)
        {
            _nodeStream.WriteSigned(addressDelta);
        }
        if (storedSize != _previousSize)
        {
            _nodeStream.Write((uint)storedSize);
        }
        if (slot != _previousSlot)
        {
            _nodeStream.Write((uint)slot);
        }
        _previousNodeEnd = unchecked(address + (ulong)storedSize);
        _previousSize = storedSize;
        _previousSlot = slot;
        _nodeCount++;
        _declaredEdges += edgeCount;
    }

    /// <summary>Appends one target address to the edge stream.</summary>
    /// <param name="targetAddress">The referenced object's address.</param>
    public void AddEdge(ulong targetAddress)
    {
        ThrowIfBuilt();
        AppendEdge(targetAddress);
    }

    /// <summary>Appends target addresses to the edge stream.</summary>
    /// <param name="targetAddresses">The referenced objects' addresses, in stream order.</param>
    public void AddEdges(ReadOnlySpan<ulong> targetAddresses)
    {
        ThrowIfBuilt();
        foreach (ulong target in targetAddresses)
        {
            AppendEdge(target);
        }
    }

    /// <summary>Adds a GC root. <see cref="HeapRootKind.WeakHandle"/> roots are ignored: they keep nothing alive.</summary>
    /// <param name="address">The rooted object's address.</param>
    /// <param name="kind">What kind of root holds it.</param>
    public void AddRoot(ulong address, HeapRootKind kind)
    {
        ThrowIfBuilt();
        if (kind != HeapRootKind.WeakHandle && address != 0)
        {
            _roots.Add((address, kind));
        }
    }

    /// <summary>Renames static-field roots when set (in-process collectors know the declaring types); see <see cref="Graph.StaticFieldNamer"/>.</summary>
    public StaticFieldNamer? StaticFieldNamer { get; set; }

    /// <summary>Adds a static-field root named by the event's type id (resolved through the type table in <see cref="Build"/>).</summary>
    /// <param name="address">The object the field references.</param>
    /// <param name="typeId">The type id the event reports for the field.</param>
    /// <param name="fieldName">The field's name.</param>
    /// <param name="threadStatic">True for a thread-static field (listed under <c>[thread static vars]</c>).</param>
    public void AddStaticRoot(ulong address, ulong typeId, string fieldName, bool threadStatic = false)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(fieldName);
        _staticRoots.Add((address, typeId, null, fieldName, threadStatic));
    }

    /// <summary>Adds a static-field root named by a type name: <c>[static var T.Field]</c>.</summary>
    /// <param name="address">The object the field references.</param>
    /// <param name="runtimeTypeName">The type name (runtime form; converted with <see cref="TypeNameFormatter.Format"/>).</param>
    /// <param name="fieldName">The field's name.</param>
    /// <param name="threadStatic">True for a thread-static field.</param>
    public void AddStaticRoot(ulong address, string runtimeTypeName, string fieldName, bool threadStatic = false)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(runtimeTypeName);
        ArgumentNullException.ThrowIfNull(fieldName);
        _staticRoots.Add((address, 0, runtimeTypeName, fieldName, threadStatic));
    }

    /// <summary>
    /// Adds a dependent-handle edge (a conditional weak table entry): while the key is alive the value is, so the
    /// value is listed under <c>[other roots]</c> → <c>[Dependent Handles]</c>. Ignored when the key is 0 (dead).
    /// </summary>
    /// <param name="keyAddress">The key (primary) object's address.</param>
    /// <param name="valueAddress">The value (secondary) object's address.</param>
    public void AddDependentHandle(ulong keyAddress, ulong valueAddress)
    {
        ThrowIfBuilt();
        if (keyAddress != 0 && valueAddress != 0)
        {
            _roots.Add((valueAddress, HeapRootKind.DependentHandle));
        }
    }

    private void AppendEdge(ulong target)
    {
        _edgeStream.WriteSigned(unchecked((long)(target - _previousTarget)));
        _previousTarget = target;
        _edgeCount++;
    }

    // The current run's last address is only known when the next run starts (or at Build).
    private void CloseRun()
    {
        if (_runs.Count > 0)
        {
            _runs[^1] = _runs[^1] with { Last = _lastAddress };
        }
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("Build() was already called; a builder makes one graph.");
        }
    }
}
