using LeakAgent.Snapshots.Graph;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Feeds the heap walk straight into a <see cref="HeapGraphBuilder"/>; nothing else is kept.</summary>
internal sealed class GraphBuilderSink : IHeapGraphSink
{
    private readonly HeapGraphBuilder _builder;

    public GraphBuilderSink(StaticFieldNamer? staticFieldNamer = null) => _builder = new HeapGraphBuilder { StaticFieldNamer = staticFieldNamer };

    public void AddType(ulong typeId, ulong moduleId, string name) => _builder.AddType(typeId, name, moduleId);

    public void AddModule(ulong moduleId, string path) => _builder.AddModule(moduleId, path);

    public void AddNode(ulong address, ulong size, ulong typeId, int edgeCount) =>
        _builder.AddNode(address, (long)Math.Min(size, long.MaxValue), typeId, edgeCount);

    public void AddEdge(ulong target) => _builder.AddEdge(target);

    public void AddRoot(ulong address, GCRootKind kind, GCRootFlags flags) => _builder.AddRoot(address, ToRootKind(kind, flags));

    public void AddStaticRoot(ulong address, ulong declaringTypeId, string fieldName, bool threadStatic) =>
        _builder.AddStaticRoot(address, declaringTypeId, fieldName, threadStatic);

    public void AddDependentHandle(ulong keyAddress, ulong valueAddress) => _builder.AddDependentHandle(keyAddress, valueAddress);

    public HeapGraph Build() => _builder.Build();

    // The handle flags say more than the kind: a pinning or weak handle is reported as kind Handle.
    internal static HeapRootKind ToRootKind(GCRootKind kind, GCRootFlags flags) => kind switch
    {
        GCRootKind.Stack => HeapRootKind.Stack,
        GCRootKind.Finalizer => HeapRootKind.Finalizer,
        GCRootKind.Handle when (flags & GCRootFlags.WeakRef) != 0 => HeapRootKind.WeakHandle,
        GCRootKind.Handle when (flags & GCRootFlags.Pinning) != 0 => HeapRootKind.PinningHandle,
        GCRootKind.Handle when (flags & GCRootFlags.RefCounted) != 0 => HeapRootKind.RefCounted,
        GCRootKind.Handle => HeapRootKind.StrongHandle,
        _ => HeapRootKind.Other,
    };
}
