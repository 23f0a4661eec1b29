using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeakAgent.Agent.Detectors;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Telemetry;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// Takes a gcdump of the agent's own process when the heap detector suspects a leak — when suspicion turns on,
/// and again each cooldown while it stays on — subject to the policy (cooldown, count, size budget) and the memory
/// safety check. The first dump is the baseline; later reports are diffed against it. One attempt at a time, on a
/// background thread; every outcome is counted, logged and sent as a <c>leakagent.leak_alert</c> span.
/// </summary>
internal sealed class DumpTrigger : IDisposable
{
    private readonly DumpOptions _options;
    private readonly HeapTrendDetector _heap;
    private readonly IReadOnlyList<ILeakDetector> _detectors;
    private readonly AgentTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly DumpRecorder _recorder;
    private readonly Counter<long> _count;
    private readonly Histogram<double> _duration;
    private readonly ITimer _timer;
    private int _busy;
    private DateTimeOffset? _lastAttempt;

    public DumpTrigger(DumpOptions options, TimeSpan pollInterval, HeapTrendDetector heap, IReadOnlyList<ILeakDetector> detectors, AgentTelemetry telemetry, TimeProvider time, string service)
    {
        _options = options;
        _heap = heap;
        _detectors = detectors;
        _telemetry = telemetry;
        _time = time;
        _service = service;
        _recorder = new DumpRecorder(options, time, SelfLog.Write);
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

                // The snapshot's induced GC and any full GC while its graph and report are alive would show our
                // own memory as a step in the app's heap floor, so those GCs stay out of the trend.
                using var ownGcs = _heap.ExcludeFullGcs();
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
        var request = new DumpRequest(Environment.ProcessId, _service, DetectorNames.HeapTrend, facts,
            _detectors.OfType<IGrowingFieldSource>().SelectMany(d => d.GrowingFields(10)).ToList(),
            _detectors.OfType<IPendingMethodSource>().SelectMany(d => d.PendingMethods(10)).ToList(),
            AgentModules.Paths(),
            StaticFieldOwners.LazyNamer());
        var attempt = await _recorder.AttemptAsync(
            request,
            () => MemorySafetyCheck.Check(GC.GetGCMemoryInfo(), _options.MaxHeapBytes),
            _options.BufferSizeMB ?? HeapSnapshotBufferSize.ForCurrentProcess(),
            Metadata,
            CancellationToken.None).ConfigureAwait(false);
        Record(attempt.Outcome, attempt.Reason, facts, attempt.Path, attempt.Report, attempt.Elapsed);
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
