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
    IReadOnlyList<SampledPending> PendingMethodsSampled);

/// <summary>The heap detector's figures at trigger time.</summary>
internal sealed record TriggerFacts(long? LiveBytes, double SlopeBytesPerSecond, double Fit, int Samples, TimeSpan Window);
