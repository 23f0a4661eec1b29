using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Detection.Dumps;

/// <summary>Everything the JSON leak report beside a dump says: the trigger, the snapshot, and what grew.</summary>
internal sealed record LeakReport(
    string Service,
    int ProcessId,
    DateTimeOffset Time,
    string DumpPath,
    string? BaselinePath,
    string Trigger,
    TriggerFacts Heap,
    HeapSnapshotStatistics Snapshot,
    IReadOnlyList<TypeGrowth> TopGrowingTypes,
    IReadOnlyList<TypeStatistics> TopTypes,
    IReadOnlyList<GrowingField> GrowingStaticFields,
    IReadOnlyList<RetainerSuspect> Retainers,
    IReadOnlyList<PendingAsyncGroup> PendingAsync,
    IReadOnlyList<SampledPending> PendingMethodsSampled,
    AgentShare Agent,
    string? ReducedBecause = null)
{
    /// <summary>Where the dump and this report are being uploaded (<c>LEAKAGENT_DUMP_UPLOAD</c>); null when not.</summary>
    public UploadTargets? Upload { get; init; }
}

/// <summary>The object URLs of a dump and its report, decided before either is written, so the report can say them.</summary>
internal sealed record UploadTargets(string DumpUrl, string ReportUrl);

/// <summary>The agent's own objects in the snapshot, left out of the top types, growth and suspects.</summary>
/// <param name="Objects">Objects of the agent's types (its modules', and arrays/generics/async boxes over them).</param>
/// <param name="Bytes">Their own sizes.</param>
/// <param name="Types">How many types that is.</param>
internal sealed record AgentShare(int Objects, long Bytes, int Types);

/// <summary>The heap detector's figures at trigger time.</summary>
/// <remarks><c>TimeToLimit</c>: at the slope, the time until the heap reaches the binding memory limit (null without a
/// limit or a rise). <c>Evidence</c>: what made the trigger fire, in words (the heap's verdict, an urgent one near the
/// limit, a steadily growing static collection).</remarks>
/// <remarks><c>Window</c> is the detector's configured window (<c>LEAKAGENT_HEAP_WINDOW</c>); <c>SamplesSpan</c> the time its
/// full-GC samples actually cover (shorter while evidence gathers, or on an urgent verdict).</remarks>
internal sealed record TriggerFacts(long? LiveBytes, double SlopeBytesPerSecond, double Fit, int Samples, TimeSpan Window, TimeSpan? TimeToLimit = null, string? Evidence = null, TimeSpan? SamplesSpan = null);
