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
internal sealed class AlertWebhook : BackgroundService
{
    public const string Path = "/alerts";

    /// <summary>Alertmanager sends at most <c>max_alerts</c> alerts; a megabyte is far beyond any real notification.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly HttpListener _listener;
    private readonly BearerToken _token;
    private readonly WatchService _watch;
    private readonly ILogger _logger;

    public AlertWebhook(HttpListener listener, BearerToken token, WatchService watch, ILogger<AlertWebhook> logger)
    {
        _listener = listener;
        _token = token;
        _watch = watch;
        _logger = logger;
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = _listener.Prefixes.First().TrimEnd('/') + Path;
        WatchLog.WebhookListening(_logger, url);
        using var stop = stoppingToken.Register(_listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The caller hung up: nothing to answer.
            }
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
            WatchLog.WebhookUnauthorized(_logger, remote, why);
            context.Response.AddHeader("WWW-Authenticate", "Bearer");
            await AnswerAsync(context, 401, new { error = "unauthorized" }).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            WatchLog.WebhookRejected(_logger, 413, remote, $"body larger than {MaxBodyBytes} bytes");
            await AnswerAsync(context, 413, new { error = "body too large" }).ConfigureAwait(false);
            return;
        }

        if (!AlertmanagerPayload.TryParse(body, out var alerts, out var error))
        {
            WatchLog.WebhookRejected(_logger, 400, remote, error);
            await AnswerAsync(context, 400, new { error }).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, Dispatch(alerts, remote, out var answer), answer).ConfigureAwait(false);
    }

    private int Dispatch(IReadOnlyList<Alert> alerts, string remote, out object answer)
    {
        var targets = _watch.Targets;
        var queued = new SortedSet<int>();
        var unmatched = new List<string>();
        var firing = alerts.Where(a => a.IsFiring).ToList();
        foreach (var alert in firing)
        {
            var matches = AlertTargetMatcher.Match(alert.Labels, targets.Select(t => t.Process).ToList());
            if (matches.Count == 0)
            {
                unmatched.Add(alert.Name);
                continue;
            }

            foreach (var monitor in targets.Where(t => matches.Contains(t.Process)))
            {
                WatchLog.WebhookQueued(_logger, alert.Name, monitor.Process.ProcessId, monitor.Process.ServiceName);
                _watch.Dumps.Enqueue(monitor, TriggerNames.Alert);
                queued.Add(monitor.Process.ProcessId);
            }
        }

        answer = new { queued, unmatched };
        if (queued.Count > 0)
        {
            return 202;
        }

        if (firing.Count == 0)
        {
            return 200;
        }

        WatchLog.WebhookRejected(_logger, 404, remote, $"no watched process matches the labels of {string.Join(", ", unmatched)}");
        return 404;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
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
}
