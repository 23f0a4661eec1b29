namespace LeakAgent.Detection.Memory;

/// <summary>
/// What an in-process heap snapshot costs, per object of the heap it walks (docs/automatic-dumps.md, measured on
/// .NET 10: tests/LeakAgent.Benchmarks <c>snapshot</c>). The count, not the heap's bytes, sets the cost: 149 MB of
/// 2 KB sessions cost +65 MB, 103 MB of 32 B nodes +217 MB.
/// </summary>
internal static class SnapshotCost
{
    /// <summary>Native: the walk's events wait in the EventPipe buffer while the app (and our reader) is suspended.</summary>
    public const long EventBytesPerObject = 50;

    /// <summary>Managed: parsing and the graph (its arrays are 28 B/object), measured peak at 1M-5M objects.</summary>
    public const long GraphBytesPerObject = 38;

    /// <summary>
    /// Managed, on top of the graph, while the leak report is computed (dominators, retained sizes by type, paths):
    /// measured +85 B/object at 2M objects (tests/LeakAgent.Benchmarks <c>phases</c>), nearly all of it the analyses'
    /// large temporary arrays, garbage that no GC collects before the report is done.
    /// </summary>
    public const long ReportBytesPerObject = 80;

    /// <summary>Per reference, for the exact checks once the walk's counts are known (graph slot; dominators' predecessor).</summary>
    public const long BytesPerReference = 4;

    /// <summary>Native and managed fixed costs: the two sessions, TraceEvent's parsers, the type table, the libraries.</summary>
    public const long FixedBytes = 24L * 1024 * 1024;

    /// <summary>
    /// Before any walk of this process has measured it: the average object size assumed to estimate the count from
    /// the heap's bytes. Service heaps seen here average 53-175 B (a leak of records with a key string and a payload:
    /// 53-170; DESIGN's 183 MB / 2.0M objects: 92; the seeds fixture: 175). A guess that is too big is safe: the event
    /// buffer is capped by the room, so a walk that does not fit loses events and is abandoned, and the walk's own
    /// figures then correct the estimate. A guess that is too small skips dumps that would have fit (the issue's
    /// 4-8x too cautious check), and those are lost for good.
    /// </summary>
    public const double DefaultAverageObjectBytes = 64;

    /// <summary>What is kept free of the room for the app itself while a snapshot runs (it goes on allocating).</summary>
    public const double RoomShare = 0.85;

    /// <summary>The objects a heap of <paramref name="heapBytes"/> holds at <paramref name="averageObjectBytes"/>.</summary>
    public static long EstimateObjects(long heapBytes, double averageObjectBytes) =>
        (long)(Math.Max(0, heapBytes) / Math.Max(16, averageObjectBytes));

    /// <summary>The native bytes of the walk's events for <paramref name="objects"/> objects.</summary>
    public static long EventBuffer(long objects) => FixedBytes + (objects * EventBytesPerObject);

    /// <summary>The managed bytes of parsing and the graph for <paramref name="objects"/> objects.</summary>
    public static long Graph(long objects) => FixedBytes + (objects * GraphBytesPerObject);

    /// <summary>The managed bytes the graph's arrays take once the walk's exact counts are known.</summary>
    public static long GraphExact(long nodes, long edges) => (nodes * 28) + (edges * BytesPerReference);

    /// <summary>The managed bytes the full leak report takes on top of the graph.</summary>
    public static long Report(long nodes, long edges) => (nodes * ReportBytesPerObject) + (edges * BytesPerReference);
}
