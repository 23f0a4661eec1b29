using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Leak suspects in the spirit of Eclipse MAT: the objects and static fields that retain the most, each with the
/// point where the bytes accumulate and its shortest root path; pending async methods grouped by method with what
/// they retain; and, given a baseline, growth.
/// </summary>
public static class LeakSuspects
{
    // Descend into a dominated child while it holds at least this share of its parent's retained bytes.
    private const double AccumulationShare = 0.8;

    /// <summary>Analyzes a graph (computing its dominator tree and shortest paths).</summary>
    /// <param name="graph">The heap graph.</param>
    /// <param name="baseline">An earlier graph of the same process to rank by growth, or null.</param>
    /// <param name="top">How many retainers, async groups and growth rows to report at most.</param>
    /// <returns>The report.</returns>
    public static LeakSuspectReport Analyze(HeapGraph graph, HeapGraph? baseline = null, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Analyze(DominatorTree.Compute(graph), baseline, top);
    }

    /// <summary>Analyzes a graph whose dominator tree is already computed (e.g. for a histogram).</summary>
    /// <param name="dominators">The graph's dominator tree.</param>
    /// <param name="baseline">An earlier graph of the same process to rank by growth, or null.</param>
    /// <param name="top">How many retainers, async groups and growth rows to report at most.</param>
    /// <param name="excluded">Types that are not the app's (an in-process dump's agent): no retainer, accumulation
    /// point or async group of theirs is reported, nor one held by a static field they declare. Null: none.</param>
    /// <returns>The report.</returns>
    /// <param name="allPending">Also report the framework's always-pending infrastructure (<see cref="PendingInfrastructure"/>).</param>
    public static LeakSuspectReport Analyze(DominatorTree dominators, HeapGraph? baseline = null, int top = 10, ExcludedTypes? excluded = null, bool allPending = false)
    {
        ArgumentNullException.ThrowIfNull(dominators);
        var graph = dominators.Graph;
        excluded ??= ExcludedTypes.None(graph);
        var retainers = FindRetainers(dominators, ShortestPaths.Compute(graph), excluded);
        var pending = FindPendingAsync(dominators, excluded);
        int hidden = 0;
        if (!allPending)
        {
            hidden = pending.RemoveAll(p => PendingInfrastructure.IsInfrastructure(p.Method));
        }
        IReadOnlyList<TypeGrowth> growth = [];
        if (baseline is not null)
        {
            var before = LeakSuspects.Analyze(DominatorTree.Compute(baseline), null, int.MaxValue, null, allPending);
            var beforeRetained = before.Retainers.GroupBy(r => r.Title).ToDictionary(g => g.Key, g => g.Sum(r => r.RetainedBytes));
            var beforeCounts = before.PendingAsync.ToDictionary(g => g.Method, g => g.Count);
            retainers = retainers
                .Select(r => r with { BaselineRetainedBytes = beforeRetained.TryGetValue(r.Title, out long b) ? b : null })
                .OrderByDescending(r => r.RetainedBytes - (r.BaselineRetainedBytes ?? 0)).ToList();
            pending = pending
                .Select(p => p with { BaselineCount = beforeCounts.GetValueOrDefault(p.Method) })
                .OrderByDescending(p => p.CountDelta).ToList();
            growth = HeapDiff.Compare(baseline, graph, top);
        }
        return new LeakSuspectReport(graph.TotalSize, retainers.Take(top).ToList(), pending.Take(top).ToList(), growth) { HiddenPendingMethods = hidden };
    }

    /// <summary>Top-level objects (dominated directly by a root group), biggest retained first.</summary>
    private static List<RetainerSuspect> FindRetainers(DominatorTree dominators, ShortestPaths paths, ExcludedTypes excluded)
    {
        var graph = dominators.Graph;
        var candidates = new List<int>();
        for (int node = 0; node < graph.NodeCount; node++)
        {
            // Top level: dominated by a root group, or by the root itself (a crafted dump may make an object the root).
            int idom = dominators.IsReachable(node) ? dominators.GetImmediateDominator(node) : -1;
            if (graph.IsObject(node) && node != graph.RootIndex && idom >= 0 && (idom == graph.RootIndex || !graph.IsObject(idom)) && !excluded.IsExcluded(graph.GetTypeIndex(node)))
            {
                candidates.Add(node);
            }
        }
        candidates.Sort((a, b) => dominators.GetRetainedSize(b).CompareTo(dominators.GetRetainedSize(a)));
        var result = new List<RetainerSuspect>();
        var headline = new RetainerHeadline(dominators, excluded, paths);
        // Enough candidates that a baseline re-ranking still sees the growing ones.
        foreach (int node in candidates.Take(200))
        {
            // Name it by the static field on its shortest root path if there is one; else by the app's own object
            // nearest the accumulation point (a DI singleton, a cache), so the first line says what to fix; else by
            // its type and root group.
            var rootPath = paths.GetPath(node);
            var steps = rootPath.Steps;
            string? staticField = steps.FirstOrDefault(s => s.StartsWith(HeapRootNames.StaticVarPrefix, StringComparison.Ordinal));
            int accumulation = AccumulationPoint(dominators, node);
            if (excluded.IsExcluded(graph.GetTypeIndex(accumulation)) || (staticField is not null && excluded.IsTheirStaticField(staticField)))
            {
                continue;
            }

            var accumulationPath = paths.GetPath(accumulation);
            string title = staticField
                ?? headline.For(accumulationPath)
                ?? $"{graph.GetNodeTypeName(node)} (via {(steps.Count > 1 ? steps[1] : steps[0])})";
            long retained = dominators.GetRetainedSize(node);
            result.Add(new RetainerSuspect(title, node, graph.GetNodeTypeName(node), retained,
                graph.TotalSize == 0 ? 0 : (double)retained / graph.TotalSize,
                accumulation, graph.GetNodeTypeName(accumulation), accumulationPath, null));
        }
        return result;
    }

    private static int AccumulationPoint(DominatorTree dominators, int node)
    {
        while (true)
        {
            int best = -1;
            foreach (int child in dominators.GetDominated(node))
            {
                if (best < 0 || dominators.GetRetainedSize(child) > dominators.GetRetainedSize(best))
                {
                    best = child;
                }
            }
            if (best < 0 || dominators.GetRetainedSize(best) < AccumulationShare * dominators.GetRetainedSize(node))
            {
                return node;
            }
            node = best;
        }
    }

    private static List<PendingAsyncGroup> FindPendingAsync(DominatorTree dominators, ExcludedTypes excluded)
    {
        var graph = dominators.Graph;
        var keyOfType = new int[graph.TypeCount];
        var methods = new List<(string Method, string StateMachine)>();
        var methodKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            keyOfType[t] = -1;
            if (!graph.IsPseudoType(t) && !excluded.IsExcluded(t) && AsyncStateMachineName.TryParse(graph.GetTypeName(t), out string method, out string machine))
            {
                if (!methodKeys.TryGetValue(method, out int key))
                {
                    key = methods.Count;
                    methods.Add((method, machine));
                    methodKeys.Add(method, key);
                }
                keyOfType[t] = key;
            }
        }
        if (methods.Count == 0)
        {
            return [];
        }
        var counts = new int[methods.Count];
        var bytes = new long[methods.Count];
        for (int node = 0; node < graph.NodeCount; node++)
        {
            int key = keyOfType[graph.GetTypeIndex(node)];
            if (key >= 0)
            {
                counts[key]++;
                bytes[key] += graph.GetSize(node);
            }
        }
        var retained = new long[methods.Count];
        var typeCounts = new int[methods.Count][];
        var typeBytes = new long[methods.Count][];
        var scratch = new Stack<int>();
        DominatorWalk.ForEachTopmost(dominators, keyOfType, methods.Count, (node, key) =>
        {
            retained[key] += dominators.GetRetainedSize(node);
            DominatorWalk.TallySubtree(dominators, node, typeCounts[key] ??= new int[graph.TypeCount], typeBytes[key] ??= new long[graph.TypeCount], scratch);
        });
        var groups = new List<PendingAsyncGroup>();
        for (int key = 0; key < methods.Count; key++)
        {
            var types = new List<TypeStatistics>();
            for (int t = 0; typeCounts[key] is not null && t < graph.TypeCount; t++)
            {
                if (typeCounts[key][t] > 0 && keyOfType[t] != key)
                {
                    types.Add(new TypeStatistics(graph.GetTypeName(t), graph.GetTypeModule(t), typeCounts[key][t], typeBytes[key][t], 0));
                }
            }
            types.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
            groups.Add(new PendingAsyncGroup(methods[key].Method, methods[key].StateMachine, counts[key], bytes[key], retained[key],
                types.Take(5).ToList(), [], null));
        }
        groups.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : b.RetainedBytes.CompareTo(a.RetainedBytes));
        var visited = new bool[graph.NodeCount];
        for (int g = 0; g < Math.Min(groups.Count, MaxReachabilityGroups); g++)
        {
            groups[g] = groups[g] with { TopReachableTypes = ReachableTypes(dominators, keyOfType, methodKeys[groups[g].Method], visited) };
        }
        return groups;
    }

    // Reachability costs a full traversal per group; only the biggest groups get one.
    private const int MaxReachabilityGroups = 10;

    /// <summary>Types of every object reachable from the group's boxes (shared objects included), boxes excluded;
    /// objects held directly by a root are counted but not walked into.</summary>
    private static List<TypeStatistics> ReachableTypes(DominatorTree dominators, int[] keyOfType, int key, bool[] visited)
    {
        var graph = dominators.Graph;
        Array.Clear(visited);
        var queue = new Queue<int>();
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (keyOfType[graph.GetTypeIndex(node)] == key)
            {
                visited[node] = true;
                queue.Enqueue(node);
            }
        }
        var counts = new int[graph.TypeCount];
        var bytes = new long[graph.TypeCount];
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            int type = graph.GetTypeIndex(node);
            if (keyOfType[type] != key && graph.IsObject(node))
            {
                counts[type]++;
                bytes[type] += graph.GetSize(node);

                // An object a root holds directly (a top-level retainer: the host's service provider, a static's
                // value) is counted but not walked into: what it keeps alive is its retainer's, and counting it here
                // would read as if the pending calls held the heap's real leak.
                // (An object no strong root reaches has no dominator at all: walked into as before.)
                if (dominators.IsReachable(node) && !graph.IsObject(dominators.GetImmediateDominator(node)))
                {
                    continue;
                }
            }
            foreach (int child in graph.GetChildren(node))
            {
                if (!visited[child])
                {
                    visited[child] = true;
                    queue.Enqueue(child);
                }
            }
        }
        var types = new List<TypeStatistics>();
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (counts[t] > 0)
            {
                types.Add(new TypeStatistics(graph.GetTypeName(t), graph.GetTypeModule(t), counts[t], bytes[t], 0));
            }
        }
        types.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        return types.Take(5).ToList();
    }
}
