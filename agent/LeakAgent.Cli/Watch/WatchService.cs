using System.Collections.Concurrent;
using LeakAgent.Cli.Watch.Monitoring;
using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Cli.Watch.Telemetry;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Detection.Heap;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeakAgent.Cli.Watch;

/// <summary>
/// The watch itself: re-scans the diagnostics sockets to follow targets as they start and exit, keeps one
/// EventPipe session and one <see cref="TargetMonitor"/> per target, evaluates the heap slope every poll
/// interval, and queues a dump when suspicion turns on (and again each cooldown while it stays on).
/// </summary>
internal sealed class WatchService : BackgroundService
{
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, (TargetMonitor Monitor, TargetSession Session)> _watched = new();
    private readonly HashSet<int> _unreachable = [];
    private bool? _socketDirectoryMissing;
    private bool _reportedMissingIds;
    private readonly ObjectStoreProvider? _stores;

    public WatchService(WatchOptions options, TimeProvider time, ILogger<WatchService> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        Telemetry = new WatchTelemetry(() => Targets, options.Heap.GrowthThresholdBytesPerSecond);
        Dumps = new DumpQueue(options.Dump, Telemetry, logger);

        // One store for every target's uploads; its SDK loads at the first upload.
        _stores = options.Dump.Upload.Destination is { } destination ? ObjectStoreProvider.ForEnvironment(destination, interactive: false) : null;
    }

    /// <summary>The monitors of the processes being watched now.</summary>
    public IReadOnlyCollection<TargetMonitor> Targets => _watched.Values.Select(w => w.Monitor).ToList();

    public WatchTelemetry Telemetry { get; }

    public DumpQueue Dumps { get; }

    public override void Dispose()
    {
        Telemetry.Dispose();
        _stores?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = Task.Run(() => Dumps.RunAsync(stoppingToken), CancellationToken.None);
        var nextScan = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                if (now >= nextScan)
                {
                    await ScanAsync(stoppingToken).ConfigureAwait(false);
                    nextScan = now + _options.ScanInterval;
                }

                await ForgetExitedAsync().ConfigureAwait(false);
                Evaluate(now);
                await Task.Delay(Min(_options.Heap.PollInterval, _options.ScanInterval), _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the sessions are stopped below.
        }
        finally
        {
            await Task.WhenAll(_watched.Values.Select(w => w.Session.DisposeAsync().AsTask())).ConfigureAwait(false);
            _watched.Clear();
            await queue.ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        var visible = TargetDiscovery.Scan();
        if (visible is null != _socketDirectoryMissing)
        {
            _socketDirectoryMissing = visible is null;
            if (visible is null)
            {
                WatchLog.SocketDirectoryMissing(_logger, TargetDiscovery.SocketDirectory);
            }
        }

        visible ??= [];
        if (!_reportedMissingIds)
        {
            // Said once: a --pid that is not there at start may still come (a restart keeps no pid, but a race may).
            _reportedMissingIds = true;
            foreach (var id in _options.Targets.ProcessIds.Where(id => visible.All(p => p.ProcessId != id)))
            {
                WatchLog.TargetNotFound(_logger, id, TargetDiscovery.SocketDirectory);
            }
        }

        foreach (var process in visible.Where(_options.Targets.Matches))
        {
            if (!_watched.ContainsKey(process.ProcessId) && !_unreachable.Contains(process.ProcessId))
            {
                await StartAsync(process, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StartAsync(TargetProcess process, CancellationToken stoppingToken)
    {
        var uploader = _stores is null ? null : new DumpUploader(_options.Dump.Upload, _stores, process.ServiceName, process.InstanceId, _time);
        var monitor = new TargetMonitor(process, _options.Heap, new DumpRecorder(_options.Dump, _time, message => WatchLog.DumpProgress(_logger, message), uploader), _time.GetUtcNow());
        try
        {
            var session = await TargetSession.StartAsync(monitor, _options.MetricsInterval, _time, _logger, stoppingToken).ConfigureAwait(false);
            _watched[process.ProcessId] = (monitor, session);
            WatchLog.TargetStarted(_logger, process.ProcessId, process.ProcessName, process.ServiceName);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or UnsupportedCommandException or ServerErrorException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            // Not retried: a process that refuses a session now (another user's, diagnostics off) will keep refusing.
            _unreachable.Add(process.ProcessId);
            WatchLog.TargetUnreachable(_logger, process.ProcessId, process.ServiceName, exception.Message);
        }
    }

    private async Task ForgetExitedAsync()
    {
        foreach (var (pid, watched) in _watched)
        {
            if (watched.Session.Completion.IsCompleted && _watched.TryRemove(pid, out _))
            {
                await watched.Session.DisposeAsync().ConfigureAwait(false);
                WatchLog.TargetExited(_logger, pid, watched.Monitor.Process.ServiceName);
            }
        }
    }

    private void Evaluate(DateTimeOffset now)
    {
        foreach (var (monitor, _) in _watched.Values)
        {
            var (previous, next) = monitor.Evaluate(now);
            var process = monitor.Process;
            var description = HeapTrendText.Describe(next, _options.Heap);
            if (next.Suspected && !previous.Suspected)
            {
                WatchLog.LeakSuspected(_logger, process.ProcessId, process.ServiceName, description);
                RequestTrendDump(monitor, now);
            }
            else if (!next.Suspected && previous.Suspected)
            {
                WatchLog.LeakCleared(_logger, process.ProcessId, process.ServiceName, description);
            }
            else if (next.Suspected && monitor.LastTrendAttempt is { } last && now - last >= _options.Dump.Cooldown)
            {
                RequestTrendDump(monitor, now);
            }

            // Between "watching" and a verdict, one line a minute per target says where its evidence stands.
            if (monitor.StatusDue(now, StatusInterval))
            {
                WatchLog.Status(_logger, process.ProcessId, process.ServiceName, description);
            }

            if (_options.InduceFullGc && monitor.TryBeginInducedGc(now, InducedGcInterval))
            {
                _ = InduceFullGcAsync(monitor);
            }
        }
    }

    /// <summary>How often each target's heap status is logged (like the agent's summary line).</summary>
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A full GC at least this often: the window then holds one more sample than the detector needs, spread over
    /// more than the minimum span, so a target that runs none of its own still gets a verdict within one window.
    /// </summary>
    private TimeSpan InducedGcInterval =>
        Max(_options.Heap.Window / (_options.Heap.MinSamples + 1), TimeSpan.FromSeconds(5));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task InduceFullGcAsync(TargetMonitor monitor)
    {
        var process = monitor.Process;
        try
        {
            if (monitor.FirstInducedGc)
            {
                var interval = DurationParser.Format(InducedGcInterval);
                WatchLog.InducingFullGcs(_logger, process.ProcessId, process.ServiceName, interval);
            }

            await FullGcInducer.InduceAsync(process.ProcessId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DiagnosticsClientException or IOException or UnauthorizedAccessException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: an exited target is noticed by its session; a refusing one just gets no induced GC.
            WatchLog.InducedGcFailed(_logger, process.ProcessId, exception.Message);
        }
        finally
        {
            monitor.EndInducedGc();
        }
    }

    private void RequestTrendDump(TargetMonitor monitor, DateTimeOffset now)
    {
        if (_options.Dump.Enabled)
        {
            monitor.LastTrendAttempt = now;
            Dumps.Enqueue(monitor, TriggerNames.HeapTrend);
        }
    }
}
