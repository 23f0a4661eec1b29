using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>Questions the tests ask a graph.</summary>
internal static class HeapGraphCounts
{
    /// <summary>Objects whose (gcdump-style) type name satisfies <paramref name="match"/>.</summary>
    public static int CountObjects(this HeapGraph graph, Func<string, bool> match)
    {
        var matches = new bool[graph.TypeCount];
        for (var type = 0; type < graph.TypeCount; type++)
        {
            matches[type] = match(graph.GetTypeName(type));
        }

        var count = 0;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node) && matches[graph.GetTypeIndex(node)])
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Objects of exactly this type name.</summary>
    public static int CountObjects(this HeapGraph graph, string typeName) => graph.CountObjects(name => name == typeName);

    /// <summary>The nodes whose type is named <paramref name="typeName"/> (pseudo-nodes such as static-var roots included).</summary>
    public static IEnumerable<int> NodesOfType(this HeapGraph graph, string typeName)
    {
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (graph.GetNodeTypeName(node) == typeName)
            {
                yield return node;
            }
        }
    }
}
