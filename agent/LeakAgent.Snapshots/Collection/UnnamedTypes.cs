using System.Globalization;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Judges whether a walk's objects got their type names. The runtime names a type in a heap walk only if it has
/// not logged it before in the "current" tracing state (<see cref="HeapSessionProviders.TypeFlush"/>); when that
/// state could not be reset, most objects come out as <c>UNKNOWN 0x…</c>, and such a dump must not pass for a
/// snapshot: every analysis of it would be wrong.
/// </summary>
internal static class UnnamedTypes
{
    /// <summary>The name the graph builder gives an object whose type the walk never named.</summary>
    public const string Prefix = "UNKNOWN 0x";

    /// <summary>More than this share of the objects unnamed fails the snapshot ("mostly unnamed").</summary>
    public const double MaxUnnamedShare = 0.5;

    /// <summary>Null when the objects are named, else the reason the snapshot fails.</summary>
    public static string? Reject(HeapGraph graph)
    {
        var unnamedType = new bool[graph.TypeCount];
        for (var type = 0; type < graph.TypeCount; type++)
        {
            unnamedType[type] = graph.GetTypeName(type).StartsWith(Prefix, StringComparison.Ordinal);
        }

        long objects = 0;
        long unnamed = 0;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node))
            {
                objects++;
                if (unnamedType[graph.GetTypeIndex(node)])
                {
                    unnamed++;
                }
            }
        }

        if (objects == 0 || unnamed <= objects * MaxUnnamedShare)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"the runtime named the types of only {objects - unnamed} of {objects} objects ({unnamed} have no type name): another tracing session on the process (dotnet-trace, dotnet-monitor) keeps the runtime's table of types already logged; retry when it has ended");
    }
}
