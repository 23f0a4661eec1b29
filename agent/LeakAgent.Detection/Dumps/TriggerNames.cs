namespace LeakAgent.Detection.Dumps;

/// <summary>The values of <c>leakagent.trigger</c> (and of the leak report's <c>trigger</c>): part of the metrics contract.</summary>
internal static class TriggerNames
{
    /// <summary>The heap-slope detector suspected a leak (in the agent, or in the watch).</summary>
    public const string HeapTrend = "heap_trend";

    /// <summary>An Alertmanager notification asked <c>leakagent watch</c> for a dump.</summary>
    public const string Alert = "alert";
}
