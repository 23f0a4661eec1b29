namespace LeakAgent.Agent.Detectors;

/// <summary>The detectors' names, in one place (used in logs and in the gcdump trigger attribute).</summary>
internal static class DetectorNames
{
    public const string HeapTrend = LeakAgent.Detection.Dumps.TriggerNames.HeapTrend;
    public const string UnobservedTasks = "unobserved_tasks";
    public const string PendingTasks = "pending_tasks";
    public const string StaticCollections = "static_collections";
    public const string Services = "services";
}
