using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Detectors.PendingTasks;
using LeakAgent.Agent.Detectors.Services;
using LeakAgent.Agent.Detectors.UnobservedTasks;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Memory;

namespace LeakAgent.Agent.Detectors;

/// <summary>Names the detectors the options switch on, each with how to create it.</summary>
/// <remarks>Creation is deferred so the host can guard each constructor on its own: one detector that cannot be
/// built is logged and left out, the others run.</remarks>
internal static class DetectorFactory
{
    public static IEnumerable<(string Name, Func<ILeakDetector> Create)> Plan(AgentOptions options, AgentTelemetry telemetry, TimeProvider time)
    {
        yield return (DetectorNames.HeapTrend, () => new HeapTrendDetector(options.Heap, telemetry, time, new HeapFloorSampler(), HeapCeiling()));
        yield return (DetectorNames.UnobservedTasks, () => new UnobservedTaskExceptionDetector(telemetry));
        yield return (DetectorNames.PendingTasks, () => new PendingTasksDetector(options.Tasks, telemetry, time));
        if (options.Statics.Enabled)
        {
            yield return (DetectorNames.StaticCollections, () => new StaticsDetector(options.Statics, telemetry, time));
        }

        if (options.Services.Enabled)
        {
            yield return (DetectorNames.Services, () => new ServicesDetector(options.Services, telemetry, time));
        }
    }

    /// <summary>The heap size at which this process dies, read afresh at each heap poll (a few small cgroup files).</summary>
    private static Func<long?> HeapCeiling()
    {
        var room = new MemoryRoomReader();
        return () => room.Read().HeapCeilingBytes;
    }
}
