using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Dumps;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Agent;

/// <summary>
/// The running agent: its instruments, its detectors, its export pipeline and its human summary. Detectors fail
/// independently: one whose start throws is logged and left out, the others run.
/// </summary>
internal sealed class AgentHost : IDisposable
{
    private readonly AgentTelemetry _telemetry;
    private readonly RuntimeMetricsFallback? _runtimeFallback;
    private readonly TelemetryPipeline _pipeline;
    private readonly ConsoleSummary? _summary;
    private int _disposed;

    private AgentHost(AgentOptions options, AgentTelemetry telemetry, RuntimeMetricsFallback? runtimeFallback, IReadOnlyList<ILeakDetector> detectors, DumpTrigger? dumps, TelemetryPipeline pipeline, ConsoleSummary? summary)
    {
        Dumps = dumps;
        Options = options;
        _telemetry = telemetry;
        _runtimeFallback = runtimeFallback;
        Detectors = detectors;
        _pipeline = pipeline;
        _summary = summary;
    }

    public AgentOptions Options { get; }

    public IReadOnlyList<ILeakDetector> Detectors { get; }

    /// <summary>The automatic gcdump trigger, when dumps are on and the heap detector runs.</summary>
    public DumpTrigger? Dumps { get; }

    public static AgentHost Start(AgentOptions options, TimeProvider time, string agentDirectory)
    {
        var telemetry = new AgentTelemetry();
        var runtimeFallback = options.Telemetry.ExportConfigured ? RuntimeMetricsFallback.StartIfNeeded() : null;
        var detectors = new List<ILeakDetector>();
        foreach (var (name, create) in DetectorFactory.Plan(options, telemetry, time))
        {
            var detector = Guard.Get<ILeakDetector?>("create detector " + name, create, null);
            if (detector is null)
            {
                continue;
            }

            if (Guard.Run("start detector " + name, detector.Start))
            {
                detectors.Add(detector);
            }
            else
            {
                Guard.Run("dispose detector " + name, detector.Dispose);
            }
        }

        var dumps = StartDumpTrigger(options, detectors, telemetry, time);
        var pipeline = TelemetryPipeline.Start(options.Telemetry);
        var summary = options.ConsoleSummaryEnabled ? new ConsoleSummary(detectors, time, options.Output.ConsoleInterval) : null;
        SelfLog.Write(DescribeStart(options, detectors, agentDirectory));
        return new AgentHost(options, telemetry, runtimeFallback, detectors, dumps, pipeline, summary);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _summary?.Dispose();
        Dumps?.Dispose();
        foreach (var detector in Detectors)
        {
            Guard.Run("stop detector " + detector.Name, detector.Dispose);
        }

        _pipeline.Dispose();
        _runtimeFallback?.Dispose();
        _telemetry.Dispose();
    }

    private static DumpTrigger? StartDumpTrigger(AgentOptions options, IReadOnlyList<ILeakDetector> detectors, AgentTelemetry telemetry, TimeProvider time)
    {
        var heap = detectors.OfType<HeapTrendDetector>().FirstOrDefault();
        if (!options.Dump.Enabled || heap is null)
        {
            return null;
        }

        return Guard.Get<DumpTrigger?>(
            "start gcdump trigger",
            () => new DumpTrigger(options.Dump, options.Heap, heap, detectors, telemetry, time, TelemetryPipeline.DefaultServiceName()),
            null);
    }

    private static string DescribeStart(AgentOptions options, IReadOnlyList<ILeakDetector> detectors, string agentDirectory)
    {
        var export = options.Telemetry.SdkDisabled
            ? "OpenTelemetry off (OTEL_SDK_DISABLED)"
            : options.Telemetry.ExportConfigured
                ? $"exporting over OTLP ({options.Telemetry.Protocol})"
                : "no OTLP endpoint: printing a summary every " + DurationParser.Format(options.Output.ConsoleInterval);
        var runtime = options.Telemetry.ExportConfigured ? "; " + RuntimeMetricsFallback.Description : string.Empty;
        return $"agent started in pid {Environment.ProcessId} on .NET {Environment.Version} from {agentDirectory}: "
            + $"detectors {string.Join(", ", detectors.Select(d => d.Name))}; {export}{runtime}";
    }
}
