using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Turns the runtime's heap-walk events into sink calls and checks that the walk is whole. The same code reads a
/// live session and a .nettrace file, so both give the same graph for the same events.
/// </summary>
/// <remarks>
/// The walk is the one of the induced, blocking gen2 GC that the GCHeapCollect keyword triggers: only such a GC
/// emits BulkNode/BulkEdge events. An induced gen2 GC that carries no walk (the app's own <c>GC.Collect()</c>
/// landing first) is skipped. Nothing is buffered here beyond a few counters: each event goes straight to the sink.
/// All callbacks run on the thread that pumps the event source.
/// </remarks>
internal sealed class HeapEventProcessor
{
    // Progress is reported at most once per this many objects: cheap for the caller, still live enough for a UI.
    private const long ProgressStep = 10_000;

    private readonly IHeapEventSink _sink;
    private readonly IProgress<long>? _progress;
    private TraceEventDispatcher? _source;
    private int? _walkGcCount;
    private double _gcStartMsec;
    private double _gcStopMsec;
    private int _nextNodeBlock;
    private int _nextEdgeBlock;
    private int _nextRootBlock;
    private long _expectedEdges;
    private long _lastProgress;
    private string? _lossReason;

    public HeapEventProcessor(IHeapEventSink sink, IProgress<long>? progress)
    {
        _sink = sink;
        _progress = progress;
    }

    /// <summary>Raised once, on the pumping thread, when the walk's GC ended or a loss made waiting pointless.</summary>
    public event Action? WalkEnded;

    /// <summary>Whether the walk's GC ended or a loss was detected.</summary>
    public bool HasEnded { get; private set; }

    public long NodeCount { get; private set; }

    public long EdgeCount { get; private set; }

    public long TypeCount { get; private set; }

    public long RootCount { get; private set; }

    public long TotalBytes { get; private set; }

    public TimeSpan? GcPause => _gcStopMsec > 0 ? TimeSpan.FromMilliseconds(_gcStopMsec - _gcStartMsec) : null;

    /// <summary>Subscribes to the runtime, rundown and loader events of <paramref name="source"/>.</summary>
    public void Attach(TraceEventDispatcher source)
    {
        _source = source;

        var clr = source.Clr;
        clr.GCStart += OnGcStart;
        clr.GCStop += OnGcStop;
        clr.TypeBulkType += OnBulkType;
        clr.GCBulkNode += OnBulkNode;
        clr.GCBulkEdge += OnBulkEdge;
        clr.GCBulkRootEdge += OnBulkRootEdge;
        clr.GCBulkRootStaticVar += OnBulkRootStaticVar;
        clr.GCBulkRootConditionalWeakTableElementEdge += OnDependentHandles;
        clr.LoaderModuleLoad += OnModule;

        // Module paths of modules loaded before the session come from rundown (ModuleDCStop) at session end.
        var rundown = new ClrRundownTraceEventParser(source);
        rundown.LoaderModuleDCStart += OnModule;
        rundown.LoaderModuleDCStop += OnModule;
    }

    /// <summary>Judges the walk from the events seen; <paramref name="eventsLost"/> is the source's own count.</summary>
    public HeapWalkVerdict Evaluate(long eventsLost)
    {
        if (_lossReason is not null)
        {
            return new(HeapSnapshotOutcome.EventsLost, _lossReason);
        }

        if (eventsLost > 0)
        {
            return new(HeapSnapshotOutcome.EventsLost, Invariant($"the event stream lost {eventsLost} events (circular buffer too small for the heap walk?)"));
        }

        if (NodeCount == 0)
        {
            return new(HeapSnapshotOutcome.NoManagedHeap, "no heap walk events arrived (no induced gen2 GC with the GCHeapDump keyword)");
        }

        if (_gcStopMsec == 0)
        {
            return new(HeapSnapshotOutcome.EventsLost, Invariant($"the end of the heap-walk GC (GCStop #{_walkGcCount}) never arrived after {NodeCount} objects"));
        }

        if (EdgeCount != _expectedEdges)
        {
            return new(HeapSnapshotOutcome.EventsLost, Invariant($"the objects announced {_expectedEdges} references but {EdgeCount} arrived"));
        }

        return new(HeapSnapshotOutcome.Completed, Invariant($"{NodeCount} objects, {EdgeCount} references, {TotalBytes} bytes"));
    }

    private void OnGcStart(GCStartTraceData data)
    {
        // The heap walk runs only in the forced, blocking gen2 GC that enabling GCHeapCollect triggers.
        if (HasEnded || _walkGcCount is not null || data.Depth < 2 || data.Type != GCType.NonConcurrentGC || data.Reason != GCReason.Induced)
        {
            return;
        }

        _walkGcCount = data.Count;
        _gcStartMsec = data.TimeStampRelativeMSec;
    }

    private void OnGcStop(GCEndTraceData data)
    {
        if (HasEnded || data.Count != _walkGcCount)
        {
            return;
        }

        if (NodeCount == 0)
        {
            // An induced gen2 GC without a walk (e.g. the app's own GC.Collect()): the walk's GC comes next.
            _walkGcCount = null;
            return;
        }

        _gcStopMsec = Math.Max(data.TimeStampRelativeMSec, _gcStartMsec + double.Epsilon);
        End();
    }

    private void OnBulkType(GCBulkTypeTraceData data)
    {
        for (var i = 0; i < data.Count; i++)
        {
            var type = data.Values(i);
            _sink.AddType(type.TypeID, type.ModuleID, type.TypeName);
        }

        TypeCount += data.Count;
    }

    private void OnBulkNode(GCBulkNodeTraceData data)
    {
        if (!AcceptWalkBlock("BulkNode", data.Index, ref _nextNodeBlock))
        {
            return;
        }

        for (var i = 0; i < data.Count; i++)
        {
            var node = data.Values(i);
            _sink.AddNode(node.Address, node.Size, node.TypeID, checked((int)node.EdgeCount));
            _expectedEdges += node.EdgeCount;
            TotalBytes += (long)node.Size;
        }

        NodeCount += data.Count;
        if (_progress is not null && NodeCount - _lastProgress >= ProgressStep)
        {
            _lastProgress = NodeCount;
            _progress.Report(NodeCount);
        }
    }

    private void OnBulkEdge(GCBulkEdgeTraceData data)
    {
        if (!AcceptWalkBlock("BulkEdge", data.Index, ref _nextEdgeBlock))
        {
            return;
        }

        for (var i = 0; i < data.Count; i++)
        {
            _sink.AddEdge(data.Values(i).Target);
        }

        EdgeCount += data.Count;
    }

    private void OnBulkRootEdge(GCBulkRootEdgeTraceData data)
    {
        if (!AcceptWalkBlock("BulkRootEdge", data.Index, ref _nextRootBlock))
        {
            return;
        }

        for (var i = 0; i < data.Count; i++)
        {
            var root = data.Values(i);
            _sink.AddRoot(root.RootedNodeAddress, root.GCRootKind, root.GCRootFlag);
        }

        RootCount += data.Count;
    }

    private void OnBulkRootStaticVar(GCBulkRootStaticVarTraceData data)
    {
        if (!AcceptWalkEvent())
        {
            return;
        }

        for (var i = 0; i < data.Count; i++)
        {
            var root = data.Values(i);
            _sink.AddStaticRoot(root.ObjectID, root.TypeID, root.FieldName, (root.Flags & GCRootStaticVarFlags.ThreadLocal) != 0);
        }

        RootCount += data.Count;
    }

    private void OnDependentHandles(GCBulkRootConditionalWeakTableElementEdgeTraceData data)
    {
        if (!AcceptWalkEvent())
        {
            return;
        }

        for (var i = 0; i < data.Count; i++)
        {
            var entry = data.Values(i);
            _sink.AddDependentHandle(entry.GCKeyNodeID, entry.GCValueNodeID);
        }

        RootCount += data.Count;
    }

    private void OnModule(ModuleLoadUnloadTraceData data)
    {
        if (!string.IsNullOrEmpty(data.ModuleILPath))
        {
            _sink.AddModule((ulong)data.ModuleID, data.ModuleILPath);
        }
    }

    // Walk events must come inside the walk's GC and, for indexed kinds, as consecutive blocks from 0: a gap means
    // EventPipe dropped a block, and a graph missing objects or with shifted edges is worse than no graph.
    private bool AcceptWalkBlock(string kind, int index, ref int expected)
    {
        if (!AcceptWalkEvent())
        {
            return false;
        }

        if (index != expected)
        {
            Lose(Invariant($"{kind} block {index} arrived where block {expected} was expected (events dropped)"));
            return false;
        }

        expected++;
        return true;
    }

    private bool AcceptWalkEvent()
    {
        if (HasEnded)
        {
            return false;
        }

        if (_walkGcCount is null)
        {
            Lose("heap-walk events arrived without the start of an induced gen2 GC (GCStart lost)");
            return false;
        }

        if (_source is { EventsLost: > 0 } source)
        {
            Lose(Invariant($"the event stream lost {source.EventsLost} events during the heap walk"));
            return false;
        }

        return true;
    }

    private void Lose(string reason)
    {
        _lossReason ??= reason;
        End();
    }

    private void End()
    {
        if (HasEnded)
        {
            return;
        }

        HasEnded = true;
        WalkEnded?.Invoke();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
