using System.Threading.Channels;
using LeakAgent.Cli.Processes;
using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Cli.Watch.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Detection.Memory;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;
using Microsoft.Extensions.Logging;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// Takes the watch's dumps one at a time, whatever asked (its own detection or an alert): one snapshot in flight
/// bounds the memory the watch needs, and the directory's count and size budget stay exact. A target with a
/// request already waiting is not queued twice.
/// </summary>
internal sealed class DumpQueue
{
    private readonly Channel<(TargetMonitor Target, string Trigger)> _requests = Channel.CreateUnbounded<(TargetMonitor, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<int> _waiting = [];
    private readonly DumpOptions _options;
    private readonly WatchTelemetry _telemetry;
    private readonly ILogger _logger;

    public DumpQueue(DumpOptions options, WatchTelemetry telemetry, ILogger logger)
    {
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Queues a dump of <paramref name="target"/>; false when one is already waiting for it.</summary>
    public bool Enqueue(TargetMonitor target, string trigger)
    {
        lock (_waiting)
        {
            if (!_waiting.Add(target.Process.ProcessId))
            {
                return false;
            }
        }

        return _requests.Writer.TryWrite((target, trigger));
    }

    /// <summary>Runs the queue until <paramref name="stopping"/>; an attempt in flight is abandoned (nothing written).</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var (target, trigger) in _requests.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                lock (_waiting)
                {
                    _waiting.Remove(target.Process.ProcessId);
                }

                await AttemptAsync(target, trigger, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task AttemptAsync(TargetMonitor target, string trigger, CancellationToken stopping)
    {
        var process = target.Process;
        var state = target.State;
        var facts = new TriggerFacts(state.LiveBytes, state.SlopeBytesPerSecond, state.Fit, state.SampleCount, target.Window, SamplesSpan: state.WindowSpan);
        var request = new DumpRequest(process.ProcessId, process.ServiceName, trigger, facts, [], [], TargetAgentModules.Of(process.ProcessId));
        var heapBytes = Math.Max(target.HeapBytes, state.LiveBytes ?? 0);
        var targetCgroup = new CgroupMemory(string.Empty, process.ProcessId).Read();
        DumpAttempt attempt;
        try
        {
            attempt = await target.Dumps.AttemptAsync(
                request,
                () => SafetyCheck(heapBytes, targetCgroup),
                // Before the first GC event the heap is unknown (0): the target's resident memory bounds it. The
                // buffer fills in the target, so the target's own cgroup caps it.
                TargetCap(_options.BufferSizeMB ?? SnapshotBufferSizing.ForProcess(process.ProcessId, heapBytes), targetCgroup),
                now => Metadata(target, now),
                stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // One target's failed dump is an outcome; the watch goes on with the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            attempt = DumpAttempt.Failed($"{exception.GetType().Name}: {exception.Message}", TimeSpan.Zero);
        }

        _telemetry.RecordDump(target, trigger, attempt.Outcome, attempt.Elapsed);
        if (attempt.Outcome == DumpOutcomes.Written)
        {
            WatchLog.DumpWritten(_logger, process.ProcessId, trigger, attempt.Reason);
        }
        else
        {
            WatchLog.DumpNotWritten(_logger, process.ProcessId, trigger, attempt.Outcome, attempt.Reason);
        }

        await UploadAsync(target, attempt, stopping).ConfigureAwait(false);
    }

    /// <summary>Uploads a written dump (in the queue: the next snapshot waits, so the watch's memory stays bounded).</summary>
    private async Task UploadAsync(TargetMonitor target, DumpAttempt attempt, CancellationToken stopping)
    {
        UploadResult? upload;
        try
        {
            upload = await target.Dumps.UploadAsync(attempt, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        if (upload is null)
        {
            return;
        }

        _telemetry.RecordUpload(target, upload.Outcome);
        if (upload.Uploaded)
        {
            WatchLog.DumpUploaded(_logger, target.Process.ProcessId, upload.Line);
        }
        else
        {
            WatchLog.DumpNotUploaded(_logger, target.Process.ProcessId, upload.Line);
        }
    }

    /// <summary>
    /// From outside, the target's heap is what the snapshot walks and the watcher is where it is parsed: the
    /// heap limit applies to the target's heap, the memory check to what this process may still use.
    /// </summary>
    /// <remarks>The walk's events wait in the target's EventPipe buffer while our reader catches up (~45 B an object
    /// measured): in a memory-limited target that is the target's memory, checked against its cgroup's room.</remarks>
    private DumpDecision SafetyCheck(long targetHeapBytes, CgroupReading? targetCgroup)
    {
        var own = GC.GetGCMemoryInfo();
        long? available = own.TotalAvailableMemoryBytes > 0 ? own.TotalAvailableMemoryBytes - own.MemoryLoadBytes : null;
        var decision = MemorySafetyCheck.Check(targetHeapBytes, available, _options.MaxHeapBytes);
        if (decision.Allowed && targetCgroup is { } cgroup)
        {
            var events = SnapshotCost.EventBuffer(SnapshotCost.EstimateObjects(targetHeapBytes, SnapshotCost.DefaultAverageObjectBytes));
            if (events > cgroup.RoomBytes * SnapshotCost.RoomShare)
            {
                return new DumpDecision(DumpOutcomes.SkippedUnsafe, $"the walk's events would need about {SizeParser.Format(events)} in the target; its cgroup has {SizeParser.Format(cgroup.RoomBytes)} left of {SizeParser.Format(cgroup.LimitBytes)}");
            }
        }

        return decision;
    }

    /// <summary>The buffer, capped by 85% of the target cgroup's room (a walk that outgrows it is abandoned, the target lives).</summary>
    private static int TargetCap(int bufferMB, CgroupReading? targetCgroup) =>
        targetCgroup is { } cgroup ? (int)Math.Max(1, Math.Min(bufferMB, cgroup.RoomBytes * SnapshotCost.RoomShare / (1024 * 1024))) : bufferMB;

    private static GcDumpMetadata Metadata(TargetMonitor target, DateTimeOffset now) => new()
    {
        Is64Bit = Environment.Is64BitOperatingSystem,
        ProcessName = target.Process.ProcessName,
        ProcessId = target.Process.ProcessId,
        TimeCollected = now.UtcDateTime,
        MachineName = Environment.MachineName,
        CreationTool = "leakagent watch " + typeof(DumpQueue).Assembly.GetName().Version?.ToString(3),
        TotalProcessWorkingSet = (long)(target.MeterValueOf("dotnet.process.memory.working_set") ?? 0),
    };
}
