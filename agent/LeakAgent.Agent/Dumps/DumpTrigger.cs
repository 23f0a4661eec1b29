using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Configuration.Parsing;
using LeakAgent.Agent.Detectors;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// Takes a gcdump of the agent's own process when the heap detector suspects a leak — when suspicion turns on,
/// and again each cooldown while it stays on — subject to the policy (cooldown, count, size budget) and the memory
/// safety check. The first dump is the baseline; later reports are diffed against it. One attempt at a time, on a
/// background thread; every outcome is counted, logged and sent as a <c>leakagent.leak_alert</c> span.
/// </summary>
internal sealed class DumpTrigger : IDisposable
{
    private const int TopRows = 20;

    private readonly DumpOptions _options;
    private readonly HeapTrendDetector _heap;
    private readonly IReadOnlyList<ILeakDetector> _detectors;
    private readonly AgentTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly DumpStore _store;
    private readonly DumpPolicy _policy;
    private readonly Counter<long> _count;
    private readonly Histogram<double> _duration;
    private readonly ITimer _timer;
    private int _busy;
    private DateTimeOffset? _lastAttempt;
    private IReadOnlyDictionary<string, (int Count, long Bytes)>? _baseline;
    private string? _baselinePath;

    public DumpTrigger(DumpOptions options, TimeSpan pollInterval, HeapTrendDetector heap, IReadOnlyList<ILeakDetector> detectors, AgentTelemetry telemetry, TimeProvider time, string service)
    {
        _options = options;
        _heap = heap;
        _detectors = detectors;
        _telemetry = telemetry;
        _time = time;
        _service = service;
        _store = new DumpStore(options.Directory);
        _policy = new DumpPolicy(options);
        _count = telemetry.Meter.CreateCounter<long>(MetricNames.GcDumpCount, "{dump}", "Automatic gcdump attempts by trigger and outcome.");
        _duration = telemetry.Meter.CreateHistogram<double>(MetricNames.GcDumpDuration, "s", "Wall time of a heap snapshot and writing its dump.");
        heap.LeakSuspected += (_, _) => RequestAttempt();
        _timer = time.CreateTimer(_ => Guard.Run("dump trigger tick", Tick), null, pollInterval, pollInterval);
    }

    /// <summary>The last attempt's task (tests wait on it).</summary>
    internal Task LastAttempt { get; private set; } = Task.CompletedTask;

    public void Dispose() => _timer.Dispose();

    /// <summary>While suspicion stays on, try again once a cooldown has passed since the last attempt.</summary>
    private void Tick()
    {
        if (_heap.State.Suspected && _lastAttempt is { } last && _time.GetUtcNow() - last >= _options.Cooldown)
        {
            RequestAttempt();
        }
    }

    private void RequestAttempt()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        LastAttempt = Task.Run(async () =>
        {
            try
            {
                using var scope = AgentScope.Enter();
                await AttemptAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A guest in someone else's process: a failed dump is an outcome, never a crash.
            catch (Exception ex)
            {
                Record(DumpOutcomes.Failed, $"{ex.GetType().Name}: {ex.Message}", Facts(), null, null, TimeSpan.Zero);
            }
#pragma warning restore CA1031
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        });
    }

    private async Task AttemptAsync()
    {
        var now = _time.GetUtcNow();
        _lastAttempt = now;
        var facts = Facts();
        var (count, bytes) = _store.Usage();
        var decision = _policy.Decide(now, count, bytes);
        if (decision.Allowed)
        {
            decision = MemorySafetyCheck.Check(GC.GetGCMemoryInfo(), _options.MaxHeapBytes);
        }

        if (!decision.Allowed)
        {
            Record(decision.Outcome!, decision.Reason, facts, null, null, TimeSpan.Zero);
            return;
        }

        try
        {
            _store.EnsureDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Record(DumpOutcomes.Failed, $"the dump directory {_store.Directory} cannot be created ({ex.Message}); set LEAKAGENT_DUMP_DIR to a writable folder", facts, null, null, TimeSpan.Zero);
            return;
        }

        var buffer = _options.BufferSizeMB ?? HeapSnapshotBufferSize.ForCurrentProcess();
        SelfLog.Write($"taking a heap snapshot of this process ({buffer} MB event buffer, timeout {DurationParser.Format(_options.Timeout)})");
        var stopwatch = Stopwatch.StartNew();
        var snapshot = await HeapSnapshotCollector.CollectAsync(Environment.ProcessId, new HeapSnapshotOptions
        {
            Timeout = _options.Timeout,
            CircularBufferSizeMB = buffer,
        }).ConfigureAwait(false);
        if (!snapshot.IsCompleted)
        {
            Record(DumpOutcomes.Failed, $"the heap snapshot did not complete, so no dump was written: {snapshot}", facts, null, null, stopwatch.Elapsed);
            return;
        }

        var path = _store.NewDumpPath(_service, Environment.ProcessId, now);
        var reportPath = Path.ChangeExtension(path, DumpStore.ReportExtension);
        try
        {
            DumpStore.WriteAtomically(path, stream => GcDumpWriter.Write(new GcDump(snapshot.Graph!, Metadata(now)), stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Record(DumpOutcomes.Failed, $"the dump could not be written to {_store.Directory} ({ex.Message}); set LEAKAGENT_DUMP_DIR to a writable folder", facts, null, null, stopwatch.Elapsed);
            return;
        }

        _policy.RecordWritten(now);
        var agentTypes = ExcludedTypes.OfModules(snapshot.Graph!, AgentModules.Paths());
        var report = LeakReportBuilder.Build(snapshot.Graph!, snapshot.Statistics, agentTypes, _baseline, _baselinePath, facts, _detectors, _service, now, path, TopRows);
        Guard.Run("write leak report", () => DumpStore.WriteAtomically(reportPath, stream => LeakReportWriter.Write(report, stream)));
        if (_baseline is null)
        {
            _baseline = HeapDiff.Census(snapshot.Graph!, agentTypes);
            _baselinePath = path;
        }

        var top = string.Join(", ", report.TopGrowingTypes.Take(3).Select(t => $"{t.TypeName} +{t.CountDelta:N0}"));
        Record(DumpOutcomes.Written, $"gcdump written: {path} ({snapshot.Statistics.NodeCount:N0} objects, {SizeParser.Format(snapshot.Statistics.TotalBytes)}, {stopwatch.Elapsed.TotalSeconds:0.0}s); report {reportPath}; top growth {top}", facts, path, report, stopwatch.Elapsed);
    }

    private void Record(string outcome, string reason, TriggerFacts facts, string? path, LeakReport? report, TimeSpan elapsed)
    {
        var tags = new TagList { { MetricNames.TriggerAttribute, DetectorNames.HeapTrend }, { MetricNames.OutcomeAttribute, outcome } };
        _count.Add(1, tags);
        if (elapsed > TimeSpan.Zero)
        {
            _duration.Record(elapsed.TotalSeconds, tags);
        }

        SelfLog.Write(outcome == DumpOutcomes.Written ? reason : $"gcdump {outcome}: {reason}");
        Guard.Run("leak alert span", () => LeakAlertSpan.Emit(_telemetry.ActivitySource, DetectorNames.HeapTrend, outcome, reason, facts, path, report));
    }

    private TriggerFacts Facts()
    {
        var state = _heap.State;
        return new TriggerFacts(state.LiveBytes, state.SlopeBytesPerSecond, state.Fit, state.SampleCount, state.WindowSpan);
    }

    private static GcDumpMetadata Metadata(DateTimeOffset now)
    {
        using var process = Process.GetCurrentProcess();
        return new GcDumpMetadata
        {
            Is64Bit = Environment.Is64BitProcess,
            ProcessName = process.ProcessName,
            ProcessId = Environment.ProcessId,
            TimeCollected = now.UtcDateTime,
            MachineName = Environment.MachineName,
            CreationTool = "LeakAgent " + typeof(DumpTrigger).Assembly.GetName().Version?.ToString(3),
            TotalProcessWorkingSet = process.WorkingSet64,
        };
    }
}
