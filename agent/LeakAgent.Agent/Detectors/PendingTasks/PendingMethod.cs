namespace LeakAgent.Agent.Detectors.PendingTasks;

/// <summary>Operations of one method pending longer than the pending age, for the metrics and the leak report.</summary>
/// <param name="Name">The method, <c>Namespace.Type.Method</c> where it could be resolved (see <see cref="StateMachineNames"/>).</param>
/// <param name="Count">Pending operations seen beginning in sampling windows and not seen ending since.</param>
/// <param name="OldestAge">The age of the oldest of them.</param>
internal sealed record PendingMethod(string Name, int Count, TimeSpan OldestAge);
