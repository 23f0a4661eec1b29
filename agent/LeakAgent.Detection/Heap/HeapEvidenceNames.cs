namespace LeakAgent.Detection.Heap;

/// <summary>The <c>leakagent.heap.evidence</c> values: why the heap detector has a verdict, or why not yet.</summary>
internal static class HeapEvidenceNames
{
    public const string NoFullGc = "no_full_gc";
    public const string TooFewSamples = "too_few_samples";
    public const string SpanTooShort = "span_too_short";
    public const string Stale = "stale";
    public const string Sufficient = "sufficient";
    public const string Urgent = "urgent";

    /// <summary>The value for <paramref name="state"/>: urgent before the plain evidence; stale when the samples are old.</summary>
    public static string Of(HeapTrendState state) => state switch
    {
        { Urgent: true } => Urgent,
        { Evidence: HeapEvidence.NoFullGc } => NoFullGc,
        { Stale: true } => Stale,
        { Evidence: HeapEvidence.Sufficient } => Sufficient,
        { Evidence: HeapEvidence.TooFewSamples } => TooFewSamples,
        _ => SpanTooShort,
    };
}
