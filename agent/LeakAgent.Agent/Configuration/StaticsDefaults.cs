namespace LeakAgent.Agent.Configuration;

/// <summary>Defaults of the static-collection detector (docs/configuration.md says why these).</summary>
internal static class StaticsDefaults
{
    /// <summary>
    /// 30 s (was 60 s): a scan costs a few milliseconds after the first (docs/benchmarks.md), so 30 s is far below
    /// 0.1% of one core, and with <see cref="HistoryLength"/> samples a steady leak shows a rate within a minute and
    /// a stable one over a 5-minute window.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>The first scan waits at most this long after start, so short runs still get two samples.</summary>
    public static readonly TimeSpan FirstScanDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Object fields followed below a static: 2 covers the seed-2 shape (static → cached singleton → its list)
    /// with one level to spare (static → service → cache → dictionary).
    /// </summary>
    public const int Depth = 2;

    /// <summary>Objects visited per scan at most: bounds the cost of huge or cyclic graphs.</summary>
    public const int MaxObjectsPerScan = 100_000;

    /// <summary>Concurrent collections are counted every 10th scan: their Count takes every lock (ConcurrentDictionary)
    /// or freezes the bag (ConcurrentBag).</summary>
    public const int ConcurrentCollectionEvery = 10;

    /// <summary>Samples kept per field path: the growth-rate window, in scans.</summary>
    public const int HistoryLength = 10;

    /// <summary>
    /// Scans of uninterrupted growth after which a collection's growth alone triggers a dump: five (the first at
    /// 10 s, then every 30 s: about two minutes), long enough that a cache filling up after start-up has shown its
    /// slowing down, short enough that a 30 MB/min leak in a 512 MB pod is dumped with room to spare.
    /// </summary>
    public const int SteadyMinScans = 5;

    /// <summary>Elements a collection must gain over those scans to count as steady growth.</summary>
    public const long SteadyMinGrowth = 100;

    /// <summary>Growing fields published as metrics (bounded cardinality of <c>leakagent.field</c>).</summary>
    public const int TopFields = 10;

    /// <summary>Growing fields named in the console summary.</summary>
    public const int SummaryFields = 3;
}
