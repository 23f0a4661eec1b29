namespace LeakAgent.Snapshots.Collection;

/// <summary>Sizes the heap session's circular buffer so that it holds the whole heap walk.</summary>
/// <remarks>
/// Measured on .NET 10 (DESIGN.md): the walk streams ~50 bytes per object (node, its edges, the types), and in a
/// self-snapshot all of it sits in the buffer until the GC ends: 2.0M objects needed more than 64 MB.
/// </remarks>
public static class HeapSnapshotBufferSize
{
    /// <summary>Bytes of events per object in the walk, measured.</summary>
    public const int BytesPerObject = 50;

    /// <summary>An object is at least 24 bytes on 64-bit; many are close to that, so estimates from heap size assume it.</summary>
    public const int SmallestObjectSize = 24;

    /// <summary>Never below this: types, roots and bursts need room even on a tiny heap.</summary>
    public const int MinimumMB = 64;

    /// <summary>Never above this (dotnet-gcdump's fixed size); a bigger heap needs a reader that keeps up.</summary>
    public const int MaximumMB = 1024;

    /// <summary>The buffer, in MB, for a walk of <paramref name="objectCount"/> objects, with 50% headroom.</summary>
    /// <param name="objectCount">Expected number of objects on the heap.</param>
    /// <returns>A size between <see cref="MinimumMB"/> and <see cref="MaximumMB"/>.</returns>
    public static int ForObjectCount(long objectCount)
    {
        var bytes = Math.Max(0, objectCount) * (double)BytesPerObject * 1.5;
        var megabytes = Math.Ceiling(bytes / (1024 * 1024));
        return (int)Math.Clamp(megabytes, MinimumMB, MaximumMB);
    }

    /// <summary>The buffer for a heap of <paramref name="heapBytes"/>, assuming the worst case of smallest objects.</summary>
    /// <param name="heapBytes">Managed heap size, e.g. <see cref="GCMemoryInfo.HeapSizeBytes"/>.</param>
    /// <returns>A size between <see cref="MinimumMB"/> and <see cref="MaximumMB"/>.</returns>
    public static int ForHeapSize(long heapBytes) => ForObjectCount(Math.Max(0, heapBytes) / SmallestObjectSize);

    /// <summary>The buffer for a snapshot of the calling process, from its latest GC's heap size.</summary>
    /// <returns>A size between <see cref="MinimumMB"/> and <see cref="MaximumMB"/>.</returns>
    public static int ForCurrentProcess()
    {
        var heapBytes = Math.Max(GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalMemory(forceFullCollection: false));
        return ForHeapSize(heapBytes);
    }
}
