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
/// <param name="TimeToLimit">At the slope, the time until the floor reaches the binding memory limit; null when the
/// limit is unknown, the floor does not rise, or the evidence is stale (no full GC within the window).</param>
/// <param name="Urgent">True when suspicion came early, on fewer samples than a normal verdict, because the limit is
/// near (see <see cref="HeapTrendEvaluator"/>).</param>
/// <param name="Stale">True when the latest full GC is older than the window: the figures are history, not now.</param>
internal sealed record HeapTrendState(
    long? LiveBytes,
    double SlopeBytesPerSecond,
    double Fit,
    bool Suspected,
    int SampleCount,
    TimeSpan WindowSpan,
    HeapEvidence Evidence,
    DateTimeOffset Time,
    TimeSpan? TimeToLimit = null,
    bool Urgent = false,
    bool Stale = false)
{
    /// <summary>The state before any sample.</summary>
    public static HeapTrendState Initial(DateTimeOffset time) => new(null, 0, 0, false, 0, TimeSpan.Zero, HeapEvidence.NoFullGc, time);

    /// <summary>Whether the slope and fit describe the present: a verdict, or an urgent one. Otherwise they come from
    /// too few or too old samples and must not be shown as current (the exported rate and fit are absent then).</summary>
    public bool IsCurrent => (Evidence == HeapEvidence.Sufficient && !Stale) || Urgent;
}
