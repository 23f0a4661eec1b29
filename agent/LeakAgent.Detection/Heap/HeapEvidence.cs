namespace LeakAgent.Detection.Heap;

/// <summary>Whether the heap-trend detector has enough full-GC samples to give a verdict, and if not, why.</summary>
internal enum HeapEvidence
{
    /// <summary>No full GC has run since the agent started (the agent never forces one).</summary>
    NoFullGc,

    /// <summary>Fewer full GCs than the minimum within the window (and the look-back).</summary>
    TooFewSamples,

    /// <summary>The samples cover less than the minimum span of time.</summary>
    SpanTooShort,

    /// <summary>Enough samples over enough time: the slope and fit are a verdict.</summary>
    Sufficient,
}
