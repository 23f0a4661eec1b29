namespace LeakAgent.Detection.Heap;

/// <summary>
/// An immutable snapshot of the heap-trend detector: what the gcdump trigger and the leak report read.
/// </summary>
/// <param name="LiveBytes">Live bytes after the latest full GC, or null before the first one.</param>
/// <param name="SlopeBytesPerSecond">Robust slope of the post-full-GC floor over the samples used.</param>
/// <param name="Fit">0..1, how well a steady rise explains those samples.</param>
/// <param name="Suspected">True while the detector suspects a leak.</param>
/// <param name="SampleCount">Full-GC samples used.</param>
/// <param name="WindowSpan">Time between the first and the last sample used.</param>
/// <param name="Evidence">Whether the samples were enough for a verdict.</param>
/// <param name="Time">When this state was computed.</param>
internal sealed record HeapTrendState(
    long? LiveBytes,
    double SlopeBytesPerSecond,
    double Fit,
    bool Suspected,
    int SampleCount,
    TimeSpan WindowSpan,
    HeapEvidence Evidence,
    DateTimeOffset Time)
{
    /// <summary>The state before any sample.</summary>
    public static HeapTrendState Initial(DateTimeOffset time) => new(null, 0, 0, false, 0, TimeSpan.Zero, HeapEvidence.NoFullGc, time);
}
