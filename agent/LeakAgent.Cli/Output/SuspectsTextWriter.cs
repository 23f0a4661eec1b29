using LeakAgent.Snapshots.Analysis;

namespace LeakAgent.Cli.Output;

/// <summary>
/// Prints a suspects report for people: each retainer with its root path as an indented chain (sizes on every
/// step, the accumulation point marked), then pending async methods with what they retain and reference.
/// </summary>
internal static class SuspectsTextWriter
{
    private const string Arrow = "└→ ";

    /// <summary>Writes the whole report.</summary>
    public static void Write(TextWriter output, DominatorTree dominators, LeakSuspectReport report)
    {
        output.WriteLine();
        output.WriteLine("Biggest retainers (what keeps the most bytes alive):");
        if (report.Retainers.Count == 0)
        {
            output.WriteLine("  none: no object is reachable from a root");
        }

        for (int i = 0; i < report.Retainers.Count; i++)
        {
            WriteRetainer(output, dominators, i + 1, report.Retainers[i]);
        }

        output.WriteLine();
        output.WriteLine("Pending async operations (state machines that have not completed), by method:");
        if (report.PendingAsync.Count == 0)
        {
            output.WriteLine("  none");
        }

        for (int i = 0; i < report.PendingAsync.Count; i++)
        {
            WritePending(output, i + 1, report.PendingAsync[i]);
        }

        if (report.HiddenPendingMethods > 0)
        {
            output.WriteLine($"  ({Numbers.Count(report.HiddenPendingMethods)} always-pending server and agent methods not shown: --all-pending lists them)");
        }

        if (report.Growth.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Growth since the baseline, by type:");
            DiffWriter.WriteText(output, report.Growth);
        }
    }

    private static void WriteRetainer(TextWriter output, DominatorTree dominators, int rank, RetainerSuspect suspect)
    {
        string growth = suspect.BaselineRetainedBytes is long before
            ? $" ({Numbers.SignedBytes(suspect.RetainedBytes - before)} since the baseline)"
            : string.Empty;
        output.WriteLine($"{rank,2}. {suspect.Title}  retains {Numbers.Bytes(suspect.RetainedBytes)}, {Numbers.Percent(suspect.HeapShare)} of the heap{growth}");
        var graph = dominators.Graph;
        var nodes = suspect.Path.Nodes;
        if (nodes.Count == 0)
        {
            output.WriteLine("      (no path from a root)");
            return;
        }

        // The pseudo-root [.NET Roots] starts every path and says nothing: start at the root group.
        int first = nodes.Count > 1 ? 1 : 0;
        int shown = 0;
        for (int i = first; i < nodes.Count; i++, shown++)
        {
            // A long chain (a linked list) comes with its head and tail only (RootPath): the middle would push the
            // tail off the screen.
            if (i == suspect.Path.ElidedAt && suspect.Path.ElidedCount > 0)
            {
                output.WriteLine($"{new string(' ', 4 + (3 * shown))}… {Numbers.Count(suspect.Path.ElidedCount)} more steps …");
                shown++;
            }

            int node = nodes[i];
            string indent = new(' ', 4 + (3 * shown));
            string lead = i == first ? string.Empty : Arrow;
            string name = graph.GetNodeTypeName(node);
            if (!graph.IsObject(node))
            {
                output.WriteLine(indent + lead + name);
                continue;
            }

            string details = $"{Numbers.Bytes(graph.GetSize(node))}, retains {Numbers.Bytes(dominators.GetRetainedSize(node))}";
            if (node == suspect.AccumulationNode)
            {
                details += $", {Numbers.Count(graph.GetChildCount(node))} references  ◀ the bytes accumulate here";
            }

            output.WriteLine($"{indent}{lead}{name}  ({details})");
        }
    }

    private static void WritePending(TextWriter output, int rank, PendingAsyncGroup group)
    {
        string growth = group.BaselineCount is int before ? $" ({Numbers.SignedCount(group.Count - before)} since the baseline)" : string.Empty;
        output.WriteLine($"{rank,2}. {group.Method}  {Numbers.Count(group.Count)} pending{growth}, {Numbers.Bytes(group.Bytes)} of state machines, retaining {Numbers.Bytes(group.RetainedBytes)}");
        output.WriteLine($"      state machine: {group.StateMachineType}");
        WriteTypes(output, "retains (only through these operations):", group.TopRetainedTypes);
        WriteTypes(output, "references (also held elsewhere):", group.TopReachableTypes);
    }

    private static void WriteTypes(TextWriter output, string title, IReadOnlyList<TypeStatistics> types)
    {
        if (types.Count == 0)
        {
            return;
        }

        output.WriteLine("      " + title);
        var table = new TextTable("        Count", "Bytes", "Type");
        foreach (var type in types)
        {
            table.Add(Numbers.Count(type.Count), Numbers.Bytes(type.Bytes), type.TypeName);
        }

        table.Write(output);
    }
}
