using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeakAgent.Agent.Detectors;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Detection.Heap;
using LeakAgent.Detection.Memory;
using LeakAgent.Detection.Telemetry;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// Takes a gcdump of the agent's own process when a detector has evidence of a leak — the heap detector's
/// suspicion (a normal verdict, or an urgent one when the memory limit is near), or a collection that grows
/// steadily (<see cref="ISteadyGrowthSource"/>, whatever the full-GC count) — when the evidence appears, and again
/// each cooldown while it stays; subject to the policy (cooldown, count, size budget) and the memory check. An
/// attempt skipped as unsafe or failed is retried while the evidence stays, as soon as the memory check passes
/// again (a GC gave memory back, the last walk measured the heap's real object size). The first dump is the
/// baseline; later reports are diffed against it. One attempt at a time, on a background thread; every outcome is
/// counted, logged and sent as a <c>leakagent.leak_alert</c> span.
/// </summary>
internal sealed class DumpTrigger : IDisposable
{
    private readonly DumpOptions _options;
    private readonly HeapOptions _heapOptions;
    private readonly HeapTrendDetector _heap;
    private readonly IReadOnlyList<ILeakDetector> _detectors;
    private readonly AgentTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly DumpRecorder _recorder;
    private readonly Counter<long> _count;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _uploads;
    private readonly ITimer _timer;
    private readonly MemoryRoomReader _room = new();
    private int _busy;
    private DateTimeOffset? _lastAttempt;
    private string? _lastOutcome;
    private int _retries;

    public DumpTrigger(DumpOptions options, HeapOptions heapOptions, HeapTrendDetector heap, IReadOnlyList<ILeakDetector> detectors, AgentTelemetry telemetry, TimeProvider time, string service)
    {
        _options = options;
        _heapOptions = heapOptions;
        var pollInterval = heapOptions.PollInterval;
        _heap = heap;
        _detectors = detectors;
        _telemetry = telemetry;
        _time = time;
        _service = service;
        _recorder = new DumpRecorder(options, time, SelfLog.Write, Uploader(options, service, time));
        _count = telemetry.Meter.CreateCounter<long>(MetricNames.GcDumpCount, "{dump}", "Automatic gcdump attempts by trigger and outcome.");
        _duration = telemetry.Meter.CreateHistogram<double>(MetricNames.GcDumpDuration, "s", "Wall time of a heap snapshot and writing its dump.");
        _uploads = telemetry.Meter.CreateCounter<long>(MetricNames.GcDumpUpload, "{upload}", "Uploads of complete dumps to object storage, by outcome.");
        heap.LeakSuspected += (_, _) => RequestAttempt(HeapEvidence());
        _timer = time.CreateTimer(_ => Guard.Run("dump trigger tick", Tick), null, pollInterval, pollInterval);
        if (_recorder.Uploads)
        {
            UploadLeftovers();
        }
    }

    /// <summary>The uploader when <c>LEAKAGENT_DUMP_UPLOAD</c> names a destination; the SDK loads at the first upload.</summary>
    private static DumpUploader? Uploader(DumpOptions options, string service, TimeProvider time) =>
        options.Upload.Destination is { } destination
            ? new DumpUploader(options.Upload, ObjectStoreProvider.ForEnvironment(destination, interactive: false), service, DumpObjectNames.Instance(SettingsReader.EnvironmentSnapshot()), time)
            : null;

    /// <summary>
    /// At start, dumps a previous process of this service left without an upload (killed by its memory limit right
    /// after the dump) go now, in the background, as one attempt: no snapshot runs meanwhile.
    /// </summary>
    private void UploadLeftovers()
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
                foreach (var result in await _recorder.UploadLeftoversAsync(_service, CancellationToken.None).ConfigureAwait(false))
                {
                    RecordUpload(result, leftover: true);
                }
            }
#pragma warning disable CA1031 // A guest in someone else's process: a failed upload is an outcome, never a crash.
            catch (Exception ex)
            {
                SelfLog.Write($"gcdump upload of earlier dumps failed: {ex.GetType().Name}: {ex.Message}");
            }
#pragma warning restore CA1031
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        });
    }

    /// <summary>The last attempt's task (tests wait on it).</summary>
    internal Task LastAttempt { get; private set; } = Task.CompletedTask;

    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// While there is evidence: the first attempt if none was made (a steady static needs no rising edge), again once
    /// a cooldown has passed, and a retry after a skip or failure as soon as the memory check would let it through.
    /// </summary>
    private void Tick()
    {
        if (Evidence() is not { } evidence)
        {
            return;
        }

        if (_lastAttempt is not { } last || _time.GetUtcNow() - last >= _options.Cooldown)
        {
            RequestAttempt(evidence);
            return;
        }

        if (_lastOutcome is DumpOutcomes.SkippedUnsafe or DumpOutcomes.Failed && _retries < DumpDefaults.MaxRetries
            && _time.GetUtcNow() - last >= DumpDefaults.RetryInterval && Plan().Decision.Allowed)
        {
            _retries++;
            RequestAttempt(evidence);
        }
    }

    /// <summary>The heap's suspicion first (it has the figures), else a steadily growing collection, else none.</summary>
    private (string Trigger, string Text)? Evidence()
    {
        if (_heap.State.Suspected)
        {
            return HeapEvidence();
        }

        foreach (var source in _detectors.OfType<ISteadyGrowthSource>())
        {
            if (Guard.Get("steady growth", source.SteadyGrowth, null) is { } growth)
            {
                return (((ILeakDetector)source).Name, growth);
            }
        }

        return null;
    }

    private (string Trigger, string Text) HeapEvidence()
    {
        var state = _heap.State;
        return (DetectorNames.HeapTrend, state.Urgent ? "heap trend, urgent: " + HeapTrendText.Describe(state, _heapOptions) : "heap trend: " + HeapTrendText.Describe(state, _heapOptions));
    }

    private SnapshotPlan Plan()
    {
        var room = _room.Read();
        var heapBytes = WalkedBytes(room, _heap.State, _heap.Latest, _time.GetUtcNow());
        return MemorySafetyCheck.Plan(room, heapBytes, _recorder.AverageObjectBytes, _options.MaxHeapBytes, _options.BufferSizeMB) with { Room = _room.Read };
    }

    /// <summary>
    /// The bytes the heap walk will visit: it runs inside a full GC and walks only live objects, so the latest floor
    /// plus what the slope added since, not the heap's size (which counts the garbage of every generation). Without a
    /// full GC yet, the heap's size is all there is.
    /// </summary>
    internal static long WalkedBytes(MemoryRoom room, HeapTrendState state, HeapFloorSample? latest, DateTimeOffset now)
    {
        if (state.LiveBytes is not { } live || latest is not { } sample)
        {
            return room.HeapSizeBytes;
        }

        var grown = Math.Max(0, state.SlopeBytesPerSecond) * Math.Max(0, (now - sample.Time).TotalSeconds);
        return Math.Min(room.HeapSizeBytes, live + (long)grown);
    }

    private void RequestAttempt((string Trigger, string Text) evidence)
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
                await AttemptAsync(evidence).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A guest in someone else's process: a failed dump is an outcome, never a crash.
            catch (Exception ex)
            {
                Record(evidence.Trigger, DumpOutcomes.Failed, $"{ex.GetType().Name}: {ex.Message}", Facts(evidence.Text), null, null, TimeSpan.Zero);
            }
#pragma warning restore CA1031
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        });
    }

    private async Task AttemptAsync((string Trigger, string Text) evidence)
    {
        var now = _time.GetUtcNow();
        _lastAttempt = now;
        var facts = Facts(evidence.Text);
        var request = new DumpRequest(Environment.ProcessId, _service, evidence.Trigger, facts,
            _detectors.OfType<IGrowingFieldSource>().SelectMany(d => d.GrowingFields(10)).ToList(),
            _detectors.OfType<IPendingMethodSource>().SelectMany(d => d.PendingMethods(10)).ToList(),
            AgentModules.Paths(),
            StaticFieldOwners.LazyNamer());
        var attempt = await _recorder.AttemptAsync(request, Plan, Metadata, CancellationToken.None).ConfigureAwait(false);
        _lastOutcome = attempt.Outcome;
        if (attempt.Outcome == DumpOutcomes.Written)
        {
            _retries = 0;
        }

        Count(evidence.Trigger, attempt.Outcome, attempt.Reason, attempt.Elapsed);
        ReclaimIfTight(attempt);

        // The upload after the reclaim (its buffers are small; the graph's were not), and the span after the upload, so
        // it can say where the dump is.
        var upload = await _recorder.UploadAsync(attempt, CancellationToken.None).ConfigureAwait(false);
        if (upload is not null)
        {
            RecordUpload(upload, leftover: false);
        }

        Guard.Run("leak alert span", () => LeakAlertSpan.Emit(_telemetry.ActivitySource, evidence.Trigger, attempt.Outcome, attempt.Reason, facts, attempt.Path, attempt.Report, upload));
    }

    private void RecordUpload(UploadResult result, bool leftover)
    {
        _uploads.Add(1, new KeyValuePair<string, object?>(MetricNames.OutcomeAttribute, result.Outcome));
        SelfLog.Write(leftover ? result.Line + " (left by an earlier process)" : result.Line);
    }

    /// <summary>
    /// After a snapshot near a limit, hand its managed memory (the graph, the report's arrays: ~70 B an object) back
    /// at once with one aggressive full GC (compacting, and decommitting what it frees). Left to itself the GC may not run a full GC for minutes, and with a GC
    /// limit above the cgroup's it sees no reason to: that garbage, still committed, would bring the kernel's OOM kill
    /// closer (measured: 26 MB less leaked before death in a 512 MB pod). The only GC the agent induces besides the
    /// walk's own; inside the attempt's scope, so it stays out of the heap trend.
    /// </summary>
    private void ReclaimIfTight(DumpAttempt attempt)
    {
        if (attempt.Elapsed > TimeSpan.Zero && _room.Read().IsTight)
        {
            // Aggressive: compacting alone keeps the freed regions committed for reuse, still charged to the cgroup.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private void Record(string trigger, string outcome, string reason, TriggerFacts facts, string? path, LeakReport? report, TimeSpan elapsed)
    {
        Count(trigger, outcome, reason, elapsed);
        Guard.Run("leak alert span", () => LeakAlertSpan.Emit(_telemetry.ActivitySource, trigger, outcome, reason, facts, path, report, null));
    }

    /// <summary>The attempt's count, duration and self-log line (at once; the span may wait for the upload).</summary>
    private void Count(string trigger, string outcome, string reason, TimeSpan elapsed)
    {
        var tags = new TagList { { MetricNames.TriggerAttribute, trigger }, { MetricNames.OutcomeAttribute, outcome } };
        _count.Add(1, tags);
        if (elapsed > TimeSpan.Zero)
        {
            _duration.Record(elapsed.TotalSeconds, tags);
        }

        SelfLog.Write(outcome == DumpOutcomes.Written ? reason : $"gcdump {outcome}: {reason}");
    }

    private TriggerFacts Facts(string evidence)
    {
        var state = _heap.State;
        return new TriggerFacts(state.LiveBytes, state.SlopeBytesPerSecond, state.Fit, state.SampleCount, _heapOptions.Window, state.TimeToLimit, evidence, state.WindowSpan);
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
