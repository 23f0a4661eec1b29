namespace LeakAgent.Detection.Dumps;

/// <summary>One request for a dump of one process, and what the requester knows that the report should say.</summary>
/// <param name="ProcessId">The process to snapshot (the agent's own, or a watched one).</param>
/// <param name="Service">The service name for the file name and the report.</param>
/// <param name="Trigger">What asked: a detector name (<c>heap_trend</c>) or <c>alert</c>; the <c>leakagent.trigger</c> value.</param>
/// <param name="Facts">The heap detector's figures at request time.</param>
/// <param name="GrowingFields">Growing static collections (only the in-process agent can see them).</param>
/// <param name="PendingMethods">Async methods with pending operations (only the in-process agent can sample them).</param>
/// <param name="AgentModulePaths">Module files whose types are the agent's own, left out of the report (the in-process agent's; empty from outside).</param>
/// <param name="StaticFieldNamer">Names static roots by declaring type (only the in-process agent can reflect); null keeps the runtime's names.</param>
internal sealed record DumpRequest(
    int ProcessId,
    string Service,
    string Trigger,
    TriggerFacts Facts,
    IReadOnlyList<GrowingField> GrowingFields,
    IReadOnlyList<SampledPending> PendingMethods,
    IReadOnlyList<string> AgentModulePaths,
    LeakAgent.Snapshots.Graph.StaticFieldNamer? StaticFieldNamer = null);
