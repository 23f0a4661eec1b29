using LeakAgent.Snapshots.Graph;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Feeds the heap walk to the graph builder. (Placeholder until the builder lands.)</summary>
internal sealed class GraphBuilderSink : IHeapGraphSink
{
    public void AddType(ulong typeId, ulong moduleId, string name)
    {
    }

    public void AddModule(ulong moduleId, string path)
    {
    }

    public void AddNode(ulong address, ulong size, ulong typeId, int edgeCount)
    {
    }

    public void AddEdge(ulong target)
    {
    }

    public void AddRoot(ulong address, GCRootKind kind, GCRootFlags flags)
    {
    }

    public void AddStaticRoot(ulong address, ulong declaringTypeId, string fieldName, bool threadStatic)
    {
    }

    public void AddDependentHandle(ulong keyAddress, ulong valueAddress)
    {
    }

    public HeapGraph Build() => new();
}
