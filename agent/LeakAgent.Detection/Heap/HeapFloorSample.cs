namespace LeakAgent.Detection.Heap;

/// <summary>The managed heap's live bytes right after one full GC.</summary>
/// <param name="Time">When the agent saw it (not when the GC ran: the runtime does not say).</param>
/// <param name="GcIndex">The GC's index; one sample per full GC.</param>
/// <param name="LiveBytes">Heap size minus fragmentation after that GC.</param>
internal readonly record struct HeapFloorSample(DateTimeOffset Time, long GcIndex, long LiveBytes);
