using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LeakAgent.Cli.Watch.Monitoring;
using LeakAgent.Detection.Dumps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>
/// <c>POST /alerts</c>: Alertmanager's webhook. Bearer token required (401 otherwise, logged), a notification
/// body (400 otherwise), the targets chosen from each firing alert's labels (<see cref="AlertTargetMatcher"/>);
/// 202 when a dump was queued, 404 when no watched process matches, 200 when there was nothing to do (only
/// resolved alerts). HttpListener, not ASP.NET Core: one route does not justify making every <c>leakagent</c>
/// command need the ASP.NET Core shared framework.
/// </summary>
/// <remarks>
/// Requests are handled concurrently (at most <see cref="MaxConcurrentRequests"/>, 503 beyond) and a body must
/// arrive within <see cref="BodyTimeout"/>: one client that sends headers and then nothing must not hold up
/// Alertmanager. Log lines of rejected callers are throttled (<see cref="LogThrottle"/>). A request that fails in
/// an unexpected way gets a 500 and is logged; the webhook goes on.
/// </remarks>
internal sealed class AlertWebhook : BackgroundService
{
    public const string Path = "/alerts";

    /// <summary>Alertmanager sends at most <c>max_alerts</c> alerts; a megabyte is far beyond any real notification.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Requests in flight at once; Alertmanager sends one notification per group at a time.</summary>
    internal const int MaxConcurrentRequests = 32;

    /// <summary>Alert names named in one log line; the rest are counted.</summary>
    private const int NamesPerLine = 5;

    /// <summary>How long a body may take to arrive (Alertmanager's own default timeout is 10 s).</summary>
    internal static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpListener _listener;
    private readonly BearerToken _token;
    private readonly WatchService _watch;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRequests, MaxConcurrentRequests);
    private readonly LogThrottle _rejectedLines;
    private readonly LogThrottle _queuedLines;

    public AlertWebhook(HttpListener listener, BearerToken token, WatchService watch, TimeProvider time, ILogger<AlertWebhook> logger)
    {
        _listener = listener;
        _token = token;
        _watch = watch;
        _logger = logger;
        _rejectedLines = new LogThrottle(time, linesPerInterval: 10, TimeSpan.FromMinutes(1));
        _queuedLines = new LogThrottle(time, linesPerInterval: 20, TimeSpan.FromMinutes(1));
    }

    public override void Dispose()
    {
        _listener.Close();
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = _listener.Prefixes.First().TrimEnd('/') + Path;
        WatchLog.WebhookListening(_logger, url);
        using var stop = stoppingToken.Register(_listener.Stop);
        var inFlight = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            if (!_slots.Wait(0, CancellationToken.None))
            {
                await AnswerQuietlyAsync(context, 503, new { error = "too many requests in flight; retry" }).ConfigureAwait(false);
                continue;
            }

            var task = Task.Run(() => HandleGuardedAsync(context), CancellationToken.None);
            lock (inFlight)
            {
                inFlight.Add(task);
            }

            _ = task.ContinueWith(done =>
            {
                lock (inFlight)
                {
                    inFlight.Remove(done);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Task[] remaining;
        lock (inFlight)
        {
            remaining = [.. inFlight];
        }

        // Stopping the listener aborted their connections; each ends promptly.
        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    private async Task HandleGuardedAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The caller hung up or stalled past the body timeout: nothing more to answer.
            context.Response.Abort();
        }
#pragma warning disable CA1031 // One bad request must never stop the webhook (or the watch): log it, answer 500, go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WatchLog.WebhookFailed(_logger, exception);
            await AnswerQuietlyAsync(context, 500, new { error = "internal error" }).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var remote = request.RemoteEndPoint?.ToString() ?? "unknown";
        if (!string.Equals(request.Url?.AbsolutePath, Path, StringComparison.Ordinal))
        {
            await AnswerAsync(context, 404, new { error = $"not found: the webhook is POST {Path}" }).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(request.HttpMethod, "POST", StringComparison.Ordinal))
        {
            context.Response.AddHeader("Allow", "POST");
            await AnswerAsync(context, 405, new { error = "use POST" }).ConfigureAwait(false);
            return;
        }

        if (_token.Reject(request.Headers["Authorization"]) is { } why)
        {
            if (_rejectedLines.TryAcquire(out var suppressed))
            {
                var reason = why + Suppressed(suppressed);
                WatchLog.WebhookUnauthorized(_logger, remote, reason);
            }

            context.Response.AddHeader("WWW-Authenticate", "Bearer");
            await AnswerAsync(context, 401, new { error = "unauthorized" }).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            Rejected(413, remote, $"body larger than {MaxBodyBytes} bytes");
            await AnswerAsync(context, 413, new { error = "body too large" }).ConfigureAwait(false);
            return;
        }

        if (!AlertmanagerPayload.TryParse(body, out var alerts, out var error))
        {
            Rejected(400, remote, error);
            await AnswerAsync(context, 400, new { error }).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, Dispatch(alerts, remote, out var answer), answer).ConfigureAwait(false);
    }

    private int Dispatch(IReadOnlyList<Alert> alerts, string remote, out object answer)
    {
        var targets = _watch.Targets;
        var processes = targets.Select(t => t.Process).ToList();
        var queued = new SortedSet<int>();
        var unmatched = new List<string>();
        var alertsByTarget = new Dictionary<TargetMonitor, List<string>>();
        var firing = alerts.Where(a => a.IsFiring).ToList();
        foreach (var alert in firing)
        {
            var matches = AlertTargetMatcher.Match(alert.Labels, processes);
            if (matches.Count == 0)
            {
                unmatched.Add(alert.Name);
                continue;
            }

            foreach (var monitor in targets.Where(t => matches.Contains(t.Process)))
            {
                if (!alertsByTarget.TryGetValue(monitor, out var names))
                {
                    alertsByTarget[monitor] = names = [];
                }

                names.Add(alert.Name);
            }
        }

        // One dump request and one log line per process, however many alerts name it.
        foreach (var (monitor, names) in alertsByTarget)
        {
            _watch.Dumps.Enqueue(monitor, TriggerNames.Alert);
            queued.Add(monitor.Process.ProcessId);
            if (_queuedLines.TryAcquire(out var suppressed))
            {
                var alertNames = Names(names) + Suppressed(suppressed);
                WatchLog.WebhookQueued(_logger, alertNames, monitor.Process.ProcessId, monitor.Process.ServiceName);
            }
        }

        answer = new { queued, unmatched = unmatched.Distinct(StringComparer.Ordinal).Take(100).ToList() };
        if (queued.Count > 0)
        {
            return 202;
        }

        if (firing.Count == 0)
        {
            return 200;
        }

        Rejected(404, remote, $"no watched process matches the labels of {Names(unmatched)}");
        return 404;
    }

    private void Rejected(int status, string remote, string reason)
    {
        if (_rejectedLines.TryAcquire(out var suppressed))
        {
            var line = reason + Suppressed(suppressed);
            WatchLog.WebhookRejected(_logger, status, remote, line);
        }
    }

    /// <summary>A bounded list of alert names: the first few, then how many more.</summary>
    private static string Names(List<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", distinct.Take(NamesPerLine));
        return distinct.Count <= NamesPerLine
            ? shown
            : string.Create(CultureInfo.InvariantCulture, $"{shown} (and {distinct.Count - NamesPerLine} more)");
    }

    private static string Suppressed(long count) =>
        count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({count} similar lines left out in the last minute)");

    private static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request)
    {
        // HttpListener's request stream ignores cancellation tokens: the timeout is a race, and the handler aborts
        // the connection when the read loses it.
        using var deadline = new CancellationTokenSource(BodyTimeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).AsTask().WaitAsync(deadline.Token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task AnswerAsync(HttpListenerContext context, int status, object body)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private static async Task AnswerQuietlyAsync(HttpListenerContext context, int status, object body)
    {
        try
        {
            await AnswerAsync(context, status, body).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Headers may already be sent, or the caller gone: nothing more to do.
            context.Response.Abort();
        }
    }
}
