namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// Makes large, deterministic, realistic-looking heap graphs for benchmarks of the reader, writer and analyses
/// (the CLI's <c>bench</c> and the benchmark project): a few hundred types, 0-4 references per object mostly to
/// nearby objects, stack / handle / static roots, a growing static list and pending async state machines.
/// </summary>
public static class SyntheticHeap
{
    /// <summary>Builds a graph of <paramref name="objectCount"/> objects.</summary>
    /// <param name="objectCount">How many objects.</param>
    /// <param name="seed">The random seed; the same seed gives the same graph.</param>
    /// <returns>The graph.</returns>
    public static HeapGraph Create(int objectCount, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectCount, 16);
        var random = new Random(seed);
        var builder = new HeapGraphBuilder();
        const int typeCount = 300;
        for (int t = 0; t < typeCount; t++)
        {
            builder.AddType((ulong)t + 1, t switch
            {
                0 => "System.String",
                1 => "System.Object[]",
                2 => "AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,Shop.Orders+<SaveAsync>d__3]",
                _ => $"Shop.Generated.Type{t}`1[System.Int32]",
            }, "/app/Shop.dll");
        }
        ulong Address(int i) => 0x10000UL + ((ulong)i * 64);
        Span<ulong> targets = stackalloc ulong[4];
        for (int i = 0; i < objectCount; i++)
        {
            int type = random.Next(100) < 30 ? 0 : random.Next(typeCount);
            long size = type == 1 && random.Next(50) == 0 ? random.Next(1000, 200_000) : 24 + (8 * random.Next(12));
            int edges = type == 0 ? 0 : random.Next(5);
            for (int e = 0; e < edges; e++)
            {
                // Mostly local structure, some long-range references, a few dangling ones (dropped by the builder).
                int target = random.Next(10) < 8 ? i + 1 + random.Next(64) : random.Next(objectCount + 16);
                targets[e] = Address(target);
            }
            builder.AddNode(Address(i), size, (ulong)type + 1, edges);
            builder.AddEdges(targets[..edges]);
        }
        for (int r = 0; r < Math.Max(16, objectCount / 1000); r++)
        {
            builder.AddRoot(Address(random.Next(objectCount)), (HeapRootKind)(r % 8));
            builder.AddStaticRoot(Address(random.Next(objectCount)), (ulong)random.Next(typeCount) + 1, $"s_field{r}");
        }
        return builder.Build();
    }
}
