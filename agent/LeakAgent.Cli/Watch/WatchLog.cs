using Microsoft.Extensions.Logging;

namespace LeakAgent.Cli.Watch;

/// <summary>
/// Every line the watch logs, in one place: one line per event, stable wording (the tests and people grep it).
/// </summary>
internal static partial class WatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "watching {Selector}; dumps to {Directory}; {Detector}; webhook {Webhook}")]
    public static partial void Started(ILogger logger, string selector, string directory, string detector, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the diagnostics socket folder {Directory} does not exist: no .NET process is visible (set TMPDIR to the folder the apps share); still looking")]
    public static partial void SocketDirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId} publishes no diagnostics socket in {Directory}: it is not running, not .NET, or uses another TMPDIR; still looking for it")]
    public static partial void TargetNotFound(ILogger logger, int processId, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "watching process {ProcessId} ({ProcessName}, service {Service})")]
    public static partial void TargetStarted(ILogger logger, int processId, string processName, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId} ({Service}) cannot be watched: {Reason}")]
    public static partial void TargetUnreachable(ILogger logger, int processId, string service, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} ({Service}) exited; no longer watching it")]
    public static partial void TargetExited(ILogger logger, int processId, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} ({Service}): {Description}")]
    public static partial void Status(ILogger logger, int processId, string service, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} runs the LeakAgent hook too: its own leakagent.* metrics are published there")]
    public static partial void HookSeen(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId}: its System.Diagnostics.Metrics source reports {EventName}: {Message} (another tool such as dotnet-counters may hold its one session); the heap floor from GC events is unaffected")]
    public static partial void MetricsSourceError(ILogger logger, int processId, string eventName, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} ({Service}) ran no full GC for {Interval}: the watch induces one whenever that happens, so the heap trend gets its evidence (--no-induced-gc to stop)")]
    public static partial void InducingFullGcs(ILogger logger, int processId, string service, string interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId}: could not induce a full GC: {Reason}")]
    public static partial void InducedGcFailed(ILogger logger, int processId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId} ({Service}): heap leak suspected: {Description}")]
    public static partial void LeakSuspected(ILogger logger, int processId, string service, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} ({Service}): heap leak suspicion cleared: {Description}")]
    public static partial void LeakCleared(ILogger logger, int processId, string service, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void DumpProgress(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId} ({Trigger}): {Reason}")]
    public static partial void DumpWritten(ILogger logger, int processId, string trigger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId} ({Trigger}): gcdump {Outcome}: {Reason}")]
    public static partial void DumpNotWritten(ILogger logger, int processId, string trigger, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "process {ProcessId}: {Line}")]
    public static partial void DumpUploaded(ILogger logger, int processId, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process {ProcessId}: {Line}")]
    public static partial void DumpNotUploaded(ILogger logger, int processId, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "alert webhook listening on {Url}")]
    public static partial void WebhookListening(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert webhook: 401 for {Remote}: {Reason}")]
    public static partial void WebhookUnauthorized(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert webhook: {Status} for {Remote}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, int status, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "alert webhook: alert {Alert} asks for a dump of process {ProcessId} ({Service})")]
    public static partial void WebhookQueued(ILogger logger, string alert, int processId, string service);

    [LoggerMessage(Level = LogLevel.Error, Message = "alert webhook: a request failed unexpectedly (answered 500; the webhook goes on)")]
    public static partial void WebhookFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "stopping: {Service} failed: {Reason}")]
    public static partial void ServiceFailed(ILogger logger, string service, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void SettingRejected(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);
}
