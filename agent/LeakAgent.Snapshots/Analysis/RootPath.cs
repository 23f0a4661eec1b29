using System.Globalization;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// A shortest path from the pseudo-root to a node, root first; a long one keeps only its head and tail
/// (<see cref="ShortestPaths.HeadNodes"/>, <see cref="ShortestPaths.TailNodes"/>) and says how many steps lie between.
/// </summary>
public sealed class RootPath
{
    private readonly HeapGraph _graph;

    internal RootPath(HeapGraph graph, int[] nodes, int length, int elidedAt)
    {
        _graph = graph;
        Nodes = nodes;
        Length = length;
        ElidedAt = elidedAt;
    }

    /// <summary>The nodes kept, root first: all of them when <see cref="ElidedCount"/> is 0; empty if unreachable.</summary>
    public IReadOnlyList<int> Nodes { get; }

    /// <summary>How many nodes the whole path has (root and target included).</summary>
    public int Length { get; }

    /// <summary>The index in <see cref="Nodes"/> before which the elided steps lie (= its count when none are).</summary>
    public int ElidedAt { get; }

    /// <summary>How many nodes between the head and the tail are left out.</summary>
    public int ElidedCount => Length - Nodes.Count;

    /// <summary>The type names of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<string> Steps => Nodes.Select(n => _graph.GetNodeTypeName(n)).ToList();

    /// <inheritdoc/>
    public override string ToString()
    {
        if (Nodes.Count == 0)
        {
            return "(unreachable)";
        }

        var steps = Steps.ToList();
        if (ElidedCount > 0)
        {
            steps.Insert(ElidedAt, string.Create(CultureInfo.InvariantCulture, $"… {ElidedCount} more steps …"));
        }

        return string.Join(" → ", steps.Skip(Nodes.Count > 1 ? 1 : 0));
    }
}
