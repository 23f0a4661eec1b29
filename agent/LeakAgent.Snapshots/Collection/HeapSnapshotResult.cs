using System.Diagnostics.CodeAnalysis;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Collection;

/// <summary>The outcome of a heap snapshot: a complete graph, or none and the reason why.</summary>
public sealed class HeapSnapshotResult
{
    internal HeapSnapshotResult(HeapSnapshotOutcome outcome, string reason, HeapGraph? graph, HeapSnapshotStatistics statistics, Exception? error = null)
    {
        Error = error;
        Outcome = outcome;
        Reason = reason;
        Graph = graph;
        Statistics = statistics;
    }

    /// <summary>How the attempt ended.</summary>
    public HeapSnapshotOutcome Outcome { get; }

    /// <summary>One human-readable sentence: what happened, and for failures what to do about it.</summary>
    public string Reason { get; }

    /// <summary>The heap graph; set exactly when <see cref="Outcome"/> is <see cref="HeapSnapshotOutcome.Completed"/>.</summary>
    public HeapGraph? Graph { get; }

    /// <summary>Counts and timings of what was seen, also for failed attempts.</summary>
    public HeapSnapshotStatistics Statistics { get; }

    /// <summary>The unexpected exception behind a <see cref="HeapSnapshotOutcome.Failed"/> outcome, for logs; else null.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the snapshot is complete and <see cref="Graph"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Graph))]
    public bool IsCompleted => Outcome == HeapSnapshotOutcome.Completed && Graph is not null;

    /// <inheritdoc />
    public override string ToString() => $"{Outcome}: {Reason}";
}
