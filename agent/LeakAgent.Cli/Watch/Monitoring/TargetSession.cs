using LeakAgent.Snapshots.Collection;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Microsoft.Extensions.Logging;
using LeakAgent.Cli.Watch;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// The EventPipe session that feeds one <see cref="TargetMonitor"/>: GC events and meter values, parsed on a
/// dedicated thread until the target exits or the watch stops. <see cref="Completion"/> says which.
/// </summary>
internal sealed class TargetSession : IAsyncDisposable
{
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(2);

    private readonly EventPipeSession _session;
    private readonly EventStreamPump _pump;

    private TargetSession(EventPipeSession session, EventStreamPump pump)
    {
        _session = session;
        _pump = pump;
    }

    /// <summary>Completes when the event stream ends: the target exited, or the session was stopped.</summary>
    public Task Completion => _pump.Completion;

    /// <summary>Starts the session; throws the client's exceptions when the target cannot be reached.</summary>
    public static async Task<TargetSession> StartAsync(TargetMonitor monitor, TimeSpan refreshInterval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(monitor.Process.ProcessId);
        var session = await client.StartEventPipeSessionAsync(MetricsSessionProviders.Create(refreshInterval), requestRundown: false, circularBufferMB: 16, cancellationToken).ConfigureAwait(false);
        var pump = EventStreamPump.Start(session.EventStream, source => Attach(source, monitor, time, logger), "LeakAgent watch " + monitor.Process.ProcessId);
        return new TargetSession(session, pump);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(s_stopTimeout);
        await TypeTableFlush.StopQuietlyAsync(_session, timeout.Token).ConfigureAwait(false);
        if (await Task.WhenAny(_pump.Completion, Task.Delay(s_stopTimeout)).ConfigureAwait(false) != _pump.Completion)
        {
            _pump.Stop();
        }

        _session.Dispose();
    }

    private static void Attach(EventPipeEventSource source, TargetMonitor monitor, TimeProvider time, ILogger logger)
    {
        var pid = monitor.Process.ProcessId;
        source.Clr.GCStart += (GCStartTraceData data) => monitor.OnGcStart(data.Count, data.Depth, data.Type == GCType.BackgroundGC);
        source.Clr.GCStop += (GCEndTraceData data) => monitor.OnGcEnd(data.ThreadID, data.Count, data.Depth);
        source.Clr.GCHeapStats += (GCHeapStatsTraceData data) => monitor.OnHeapStats(time.GetUtcNow(), data.ThreadID, Stats(data));
        source.Dynamic.All += data =>
        {
            if (data.ProviderName != MeterValue.ProviderName)
            {
                return;
            }

            if (MeterValue.From(data) is { } value)
            {
                if (monitor.OnMeterValue(value))
                {
                    WatchLog.HookSeen(logger, pid);
                }
            }
            else if (data.EventName is "Error" or "MultipleSessionsNotSupportedError" or "MultipleSessionsConfiguredIncorrectlyError")
            {
                WatchLog.MetricsSourceError(logger, pid, data.EventName, data.PayloadByName("errorMessage") as string ?? string.Empty);
            }
        };
    }

    /// <summary>The heap-stats fields the floor uses (the POH fields exist from GCHeapStats_V2 on; 0 before).</summary>
    private static GcHeapStats Stats(GCHeapStatsTraceData data) => new(
        data.TotalHeapSize,
        data.GenerationSize0,
        data.GenerationSize1,
        data.TotalPromotedSize0,
        data.TotalPromotedSize1,
        data.TotalPromotedSize2,
        data.TotalPromotedSize3,
        data.TotalPromotedSize4);
}
