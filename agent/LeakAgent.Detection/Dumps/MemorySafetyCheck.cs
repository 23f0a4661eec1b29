using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Detection.Dumps;

/// <summary>
/// Before a snapshot: is there room for it? The runtime's view of available memory already honours a container's
/// limit (cgroups), so <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> minus the current load is what the
/// process may still use. A snapshot costs the session buffer plus our parsing, both proportional to the number
/// of objects (DESIGN: ~50 bytes buffered + under 40 parsed per object; measured +116 MB peak for 183 MB / 2M objects).
/// </summary>
/// <remarks>
/// With a GC heap hard limit (<c>DOTNET_GCHeapHardLimit</c> or its percent form) the total available is that limit
/// while the memory load is still the machine's or the container's, so their difference can be negative. Then the
/// room left is the limit minus what the GC has committed: our parsing allocates on that same limited heap.
/// </remarks>
internal static class MemorySafetyCheck
{
    /// <summary>A conservative average object size, to estimate the object count from the heap size.</summary>
    private const long AssumedAverageObjectBytes = 48;

    private const long CostPerObjectBytes = 90;
    private const long FixedCostBytes = 32L * 1024 * 1024;

    /// <summary>The expected extra memory of snapshotting a heap of <paramref name="heapBytes"/>.</summary>
    public static long ExpectedCost(long heapBytes) => FixedCostBytes + (heapBytes / AssumedAverageObjectBytes * CostPerObjectBytes);

    /// <summary>Inside the process: its own heap against what its runtime says is still available.</summary>
    public static DumpDecision Check(GCMemoryInfo info, long maxHeapBytes) =>
        Check(new MemoryFacts(info.HeapSizeBytes, info.TotalAvailableMemoryBytes, info.MemoryLoadBytes, info.TotalCommittedBytes), maxHeapBytes);

    /// <summary>Inside the process, from the figures of <see cref="GCMemoryInfo"/> (tests build them directly).</summary>
    public static DumpDecision Check(MemoryFacts facts, long maxHeapBytes)
    {
        if (facts.TotalAvailableBytes <= 0)
        {
            return Check(facts.HeapSizeBytes, null, maxHeapBytes);
        }

        if (facts.MemoryLoadBytes > facts.TotalAvailableBytes)
        {
            var left = Math.Max(0, facts.TotalAvailableBytes - facts.CommittedBytes);
            return Check(facts.HeapSizeBytes, left, maxHeapBytes, $"left under the GC heap limit of {SizeParser.Format(facts.TotalAvailableBytes)}");
        }

        return Check(facts.HeapSizeBytes, facts.TotalAvailableBytes - facts.MemoryLoadBytes, maxHeapBytes);
    }

    /// <summary>
    /// A heap of <paramref name="heapBytes"/> against <paramref name="availableBytes"/> of memory where the parsing
    /// happens (null when unknown). From outside, the parsing runs in the watcher, so its own available memory counts.
    /// </summary>
    public static DumpDecision Check(long heapBytes, long? availableBytes, long maxHeapBytes) =>
        Check(heapBytes, availableBytes, maxHeapBytes, "still available");

    private static DumpDecision Check(long heapBytes, long? availableBytes, long maxHeapBytes, string room)
    {
        if (heapBytes > maxHeapBytes)
        {
            return new DumpDecision(DumpOutcomes.SkippedUnsafe, $"the heap is {SizeParser.Format(heapBytes)}, above LEAKAGENT_DUMP_MAX_HEAP={SizeParser.Format(maxHeapBytes)}");
        }

        var cost = ExpectedCost(heapBytes);
        if (availableBytes is { } available && cost > available / 2)
        {
            return new DumpDecision(DumpOutcomes.SkippedUnsafe, $"a snapshot of a {SizeParser.Format(heapBytes)} heap needs about {SizeParser.Format(cost)}, more than half of the {SizeParser.Format(available)} {room}");
        }

        return DumpDecision.Proceed;
    }
}
