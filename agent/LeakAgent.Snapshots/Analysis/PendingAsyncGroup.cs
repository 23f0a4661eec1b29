namespace LeakAgent.Snapshots.Analysis;

/// <summary>Pending async state machines of one method and what they keep alive.</summary>
/// <param name="Method">The async method, <c>Namespace.Type.Method</c>.</param>
/// <param name="StateMachineType">The state machine type as named in the box type.</param>
/// <param name="Count">How many boxes (pending calls) exist.</param>
/// <param name="Bytes">Their own bytes.</param>
/// <param name="RetainedBytes">What they retain together: the retained sizes of the boxes that no other box of the
/// same method dominates (objects kept alive only jointly by several boxes are not counted).</param>
/// <param name="TopRetainedTypes">The types of the objects they retain (boxes excluded), biggest first; RetainedBytes of a row is 0.</param>
/// <param name="TopReachableTypes">The types of every object reachable from the boxes (boxes excluded; objects also held
/// elsewhere, e.g. by a stack, included), biggest first: what the pending calls reference.</param>
/// <param name="BaselineCount">Boxes of the same method in the baseline, or null without a baseline.</param>
public sealed record PendingAsyncGroup(string Method, string StateMachineType, int Count, long Bytes, long RetainedBytes,
    IReadOnlyList<TypeStatistics> TopRetainedTypes, IReadOnlyList<TypeStatistics> TopReachableTypes, int? BaselineCount)
{
    /// <summary>Growth over the baseline (Count when there is none).</summary>
    public int CountDelta => Count - (BaselineCount ?? 0);
}
