namespace LeakAgent.Detection.Telemetry;

/// <summary>
/// Every instrument, attribute and span name the agent emits: the contract with dashboards, alert rules and
/// docs/metrics.md. Change one only together with everything that uses it.
/// </summary>
internal static class MetricNames
{
    /// <summary>The meter (and ActivitySource) every LeakAgent instrument is on, in the agent and in the watch.</summary>
    public const string MeterName = "LeakAgent";

    public const string HeapLiveSize = "leakagent.heap.live_size";
    public const string HeapGrowthRate = "leakagent.heap.growth_rate";
    public const string HeapGrowthFit = "leakagent.heap.growth_fit";
    public const string HeapLeakSuspected = "leakagent.heap.leak_suspected";
    public const string HeapGrowthThreshold = "leakagent.heap.growth_threshold";
    public const string HeapTimeToLimit = "leakagent.heap.time_to_limit";
    public const string TasksUnobservedExceptions = "leakagent.tasks.unobserved_exceptions";
    public const string TasksPending = "leakagent.tasks.pending";
    public const string TasksPendingOldestAge = "leakagent.tasks.pending.oldest_age";
    public const string StaticsSize = "leakagent.statics.size";
    public const string StaticsGrowthRate = "leakagent.statics.growth_rate";
    public const string ServicesSize = "leakagent.services.size";
    public const string ServicesGrowthRate = "leakagent.services.growth_rate";
    public const string ServicesCacheSize = "leakagent.services.cache_size";
    public const string GcDumpCount = "leakagent.gcdump.count";
    public const string GcDumpDuration = "leakagent.gcdump.duration";
    public const string GcDumpUpload = "leakagent.gcdump.upload";

    public const string LeakAlertSpan = "leakagent.leak_alert";

    public const string ExceptionTypeAttribute = "exception.type";
    public const string FunctionNameAttribute = "code.function.name";
    public const string FieldAttribute = "leakagent.field";
    public const string ServiceLifetimeAttribute = "leakagent.service.lifetime";
    public const string TriggerAttribute = "leakagent.trigger";
    public const string OutcomeAttribute = "leakagent.outcome";

    /// <summary>On <c>leakagent.heap.leak_suspected</c>: why there is a verdict or not (<see cref="Heap.HeapEvidenceNames"/>).</summary>
    public const string EvidenceAttribute = "leakagent.heap.evidence";

    /// <summary>The value that stands for everything past a bounded attribute's top N.</summary>
    public const string OtherValue = "other";
}
