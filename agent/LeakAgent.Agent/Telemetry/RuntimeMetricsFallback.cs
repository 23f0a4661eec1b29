using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.Loader;
using OpenTelemetry.Metrics;

namespace LeakAgent.Agent.Telemetry;

/// <summary>
/// Chooses where the runtime metrics come from, and stands in where nothing else can:
/// <list type="bullet">
/// <item>.NET 10 and 11 (and 9 if the agent shares the app's System.Diagnostics.DiagnosticSource): the runtime's own
/// <c>System.Runtime</c> meter, <c>dotnet.*</c> names.</item>
/// <item>.NET 8, which has no such meter: OpenTelemetry.Instrumentation.Runtime's own meter, the older
/// <c>process.runtime.dotnet.*</c> names (the dashboards query both schemes, dashboards/runtime-metric-names.md),
/// plus <c>dotnet.process.memory.working_set</c> from here: the package has no working set, and leaks are what
/// this agent is for.</item>
/// <item>.NET 9 with the agent on its private DiagnosticSource 10.0 (its OpenTelemetry needs 10.0, the runtime ships
/// 9.0): the runtime's meter is invisible, and the package (1.20.1) only turns that same meter on for any runtime 9
/// or later, so this class publishes the .NET 9+ instruments itself: same meter name, instrument names, units and
/// attributes, read from the same process-wide runtime APIs.</item>
/// </list>
/// </summary>
internal sealed class RuntimeMetricsFallback : IDisposable
{
    /// <summary>The runtime meter's name.</summary>
    public const string MeterName = "System.Runtime";

    private static readonly string[] s_generations = ["gen0", "gen1", "gen2", "loh", "poh"];
    private readonly Meter _meter;

    private RuntimeMetricsFallback(bool workingSetOnly)
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableUpDownCounter("dotnet.process.memory.working_set", () => Environment.WorkingSet, "By", "The number of bytes of physical memory mapped to the process context.");
        if (workingSetOnly)
        {
            return;
        }

        _meter.CreateObservableCounter("dotnet.gc.collections", ObserveCollections, "{collection}", "The number of garbage collections since the process started.");
        _meter.CreateObservableCounter("dotnet.gc.heap.total_allocated", () => GC.GetTotalAllocatedBytes(), "By", "The approximate number of bytes allocated on the managed GC heap since the process started.");
        _meter.CreateObservableUpDownCounter("dotnet.gc.last_collection.memory.committed_size", () => GC.GetGCMemoryInfo().TotalCommittedBytes, "By", "The amount of committed virtual memory in use by the .NET GC, as observed during the latest garbage collection.");
        _meter.CreateObservableUpDownCounter("dotnet.gc.last_collection.heap.size", ObserveHeapSize, "By", "The managed GC heap size (including fragmentation), as observed during the latest garbage collection.");
        _meter.CreateObservableUpDownCounter("dotnet.gc.last_collection.heap.fragmentation.size", ObserveFragmentation, "By", "The heap fragmentation, as observed during the latest garbage collection.");
        _meter.CreateObservableCounter("dotnet.gc.pause.time", () => GC.GetTotalPauseDuration().TotalSeconds, "s", "The total amount of time paused in GC since the process started.");
        _meter.CreateObservableCounter("dotnet.process.cpu.time", ObserveCpuTime, "s", "CPU time used by the process.");
        _meter.CreateObservableUpDownCounter("dotnet.process.cpu.count", () => (long)Environment.ProcessorCount, "{cpu}", "The number of processors available to the process.");
        _meter.CreateObservableUpDownCounter("dotnet.thread_pool.thread.count", () => (long)ThreadPool.ThreadCount, "{thread}", "The number of thread pool threads that currently exist.");
        _meter.CreateObservableCounter("dotnet.thread_pool.work_item.count", () => ThreadPool.CompletedWorkItemCount, "{work_item}", "The number of work items that the thread pool has completed since the process started.");
        _meter.CreateObservableUpDownCounter("dotnet.thread_pool.queue.length", () => ThreadPool.PendingWorkItemCount, "{work_item}", "The number of work items that are currently queued to be processed by the thread pool.");
        _meter.CreateObservableUpDownCounter("dotnet.timer.count", () => Timer.ActiveCount, "{timer}", "The number of timer instances that are currently active.");
        _meter.CreateObservableUpDownCounter("dotnet.assembly.count", () => (long)AppDomain.CurrentDomain.GetAssemblies().Length, "{assembly}", "The number of .NET assemblies that are currently loaded.");
        _meter.CreateObservableCounter("dotnet.monitor.lock_contentions", () => Monitor.LockContentionCount, "{contention}", "The number of times there was contention when trying to acquire a monitor lock since the process started.");
        _meter.CreateObservableCounter("dotnet.jit.compiled_il.size", () => System.Runtime.JitInfo.GetCompiledILBytes(), "By", "Count of bytes of intermediate language that have been compiled since the process started.");
        _meter.CreateObservableCounter("dotnet.jit.compiled_methods", () => System.Runtime.JitInfo.GetCompiledMethodCount(), "{method}", "The number of times the JIT compiler (re)compiled methods since the process started.");
        _meter.CreateObservableCounter("dotnet.jit.compilation.time", () => System.Runtime.JitInfo.GetCompilationTime().TotalSeconds, "s", "The amount of time the JIT compiler has spent compiling methods since the process started.");
    }

    /// <summary>
    /// True when the runtime's own meter is visible to the agent: .NET 9 or later and the agent shares the app's
    /// System.Diagnostics.DiagnosticSource.
    /// </summary>
    public static bool RuntimeMeterVisible =>
        Environment.Version.Major >= 9
        && AssemblyLoadContext.GetLoadContext(typeof(Meter).Assembly) == AssemblyLoadContext.Default;

    /// <summary>True where OpenTelemetry.Instrumentation.Runtime publishes its own meter: runtimes before .NET 9.</summary>
    public static bool InstrumentationPackageServes => Environment.Version.Major < 9;

    /// <summary>Which runtime metrics this process exports, for the start-up self-log line.</summary>
    public static string Description =>
        RuntimeMeterVisible ? "runtime metrics from the runtime's System.Runtime meter (dotnet.*)"
        : InstrumentationPackageServes ? "runtime metrics from OpenTelemetry.Instrumentation.Runtime (process.runtime.dotnet.*) and the agent's working set"
        : "runtime metrics from the agent's System.Runtime stand-in (dotnet.*)";

    /// <summary>Starts the stand-in where it is needed, else returns null.</summary>
    public static RuntimeMetricsFallback? StartIfNeeded() =>
        RuntimeMeterVisible ? null : new RuntimeMetricsFallback(workingSetOnly: InstrumentationPackageServes);

    /// <summary>Adds the meters of the runtime metrics to the agent's meter provider.</summary>
    public static MeterProviderBuilder AddRuntimeMetrics(MeterProviderBuilder builder)
    {
        // The package adds the System.Runtime meter on .NET 9+ and its own before; the stand-in uses System.Runtime.
        return builder.AddMeter(MeterName).AddRuntimeInstrumentation();
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> ObserveCollections()
    {
        // Counts per generation exclude the higher generation's collections, as the runtime meter reports them.
        var gen2 = GC.CollectionCount(2);
        var gen1 = GC.CollectionCount(1) - gen2;
        var gen0 = GC.CollectionCount(0) - GC.CollectionCount(1);
        yield return new(gen0, new KeyValuePair<string, object?>("gc.heap.generation", "gen0"));
        yield return new(gen1, new KeyValuePair<string, object?>("gc.heap.generation", "gen1"));
        yield return new(gen2, new KeyValuePair<string, object?>("gc.heap.generation", "gen2"));
    }

    private static IEnumerable<Measurement<long>> ObserveHeapSize() => ObservePerGeneration(static g => g.SizeAfterBytes);

    private static IEnumerable<Measurement<long>> ObserveFragmentation() => ObservePerGeneration(static g => g.FragmentationAfterBytes);

    private static List<Measurement<long>> ObservePerGeneration(Func<GCGenerationInfo, long> read)
    {
        var generations = GC.GetGCMemoryInfo().GenerationInfo;
        var result = new List<Measurement<long>>(generations.Length);
        for (var i = 0; i < generations.Length && i < s_generations.Length; i++)
        {
            result.Add(new(read(generations[i]), new KeyValuePair<string, object?>("gc.heap.generation", s_generations[i])));
        }

        return result;
    }

    private static IEnumerable<Measurement<double>> ObserveCpuTime()
    {
        using var process = Process.GetCurrentProcess();
        yield return new(process.UserProcessorTime.TotalSeconds, new KeyValuePair<string, object?>("cpu.mode", "user"));
        yield return new(process.PrivilegedProcessorTime.TotalSeconds, new KeyValuePair<string, object?>("cpu.mode", "system"));
    }
}
