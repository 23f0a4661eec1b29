using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>Iterative walks of a dominator tree (no recursion: the tree can be millions of levels deep).</summary>
internal static class DominatorWalk
{
    /// <summary>
    /// Calls <paramref name="visit"/> for every node whose key (<c>keyOfType[type]</c>, -1 = none) is not held by
    /// any of its dominator-tree ancestors: the topmost members of each key, whose subtrees are disjoint.
    /// </summary>
    public static void ForEachTopmost(DominatorTree dominators, int[] keyOfType, int keyCount, Action<int, int> visit)
    {
        var graph = dominators.Graph;
        var active = new int[keyCount];
        var stackNode = new int[Math.Max(1, dominators.ReachableCount)];
        var stackNext = new int[stackNode.Length];
        int depth = 1;
        stackNode[0] = graph.RootIndex;
        while (depth > 0)
        {
            int node = stackNode[depth - 1];
            int next = stackNext[depth - 1];
            int key = keyOfType[graph.GetTypeIndex(node)];
            if (next == 0 && key >= 0 && active[key]++ == 0)
            {
                visit(node, key);
            }
            var dominated = dominators.GetDominated(node);
            if (next < dominated.Length)
            {
                stackNext[depth - 1] = next + 1;
                stackNode[depth] = dominated[next];
                stackNext[depth] = 0;
                depth++;
            }
            else
            {
                if (key >= 0)
                {
                    active[key]--;
                }
                depth--;
            }
        }
    }

    /// <summary>Adds count and bytes per type of every object in the dominator subtree of <paramref name="top"/>.</summary>
    public static void TallySubtree(DominatorTree dominators, int top, int[] counts, long[] bytes, Stack<int> scratch)
    {
        var graph = dominators.Graph;
        scratch.Clear();
        scratch.Push(top);
        while (scratch.Count > 0)
        {
            int node = scratch.Pop();
            if (graph.IsObject(node))
            {
                int type = graph.GetTypeIndex(node);
                counts[type]++;
                bytes[type] += graph.GetSize(node);
            }
            foreach (int child in dominators.GetDominated(node))
            {
                scratch.Push(child);
            }
        }
    }
}
