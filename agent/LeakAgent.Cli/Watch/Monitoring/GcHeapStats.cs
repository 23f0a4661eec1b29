namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// The fields of one <c>GCHeapStats</c> event the floor needs: the size of each generation after the GC and the
/// bytes the GC found alive in each (gen0, gen1, gen2, LOH, POH; index 4 exists from GCHeapStats_V2 on).
/// </summary>
/// <remarks>
/// The promoted sizes of a generation the GC did not collect are left over from the last GC that did: a
/// background gen2 GC collects gen2, LOH and POH only, so its gen0/gen1 figures are stale (measured on
/// SeedFireAndForget: ten BGCs in a row reporting the same 0.1 MB for gen0 while gen0 grew from 2.7 to 3.2 MB).
/// </remarks>
internal readonly record struct GcHeapStats(
    long TotalHeapBytes,
    long Gen0Bytes,
    long Gen1Bytes,
    long Promoted0,
    long Promoted1,
    long Promoted2,
    long PromotedLarge,
    long PromotedPinned)
{
    /// <summary>Every live byte after a blocking gen2 GC, which collected every generation.</summary>
    public long LiveAfterBlockingGen2 => Promoted0 + Promoted1 + Promoted2 + PromotedLarge + PromotedPinned;

    /// <summary>
    /// The floor after a background gen2 GC: what survived in the generations it collected (gen2, LOH, POH), plus
    /// gen0 and gen1 as they are, since it did not collect them. That is the agent's reading too
    /// (<c>GCMemoryInfo.HeapSizeBytes − FragmentedBytes</c> of the background GC counts gen0/gen1 whole).
    /// </summary>
    public long LiveAfterBackgroundGen2 => Gen0Bytes + Gen1Bytes + Promoted2 + PromotedLarge + PromotedPinned;
}
