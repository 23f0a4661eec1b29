using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Watch;

/// <summary>
/// A leaking sample started WITHOUT the hook, and the published <c>leakagent watch</c> watching it, with test-sized
/// settings; plus the webhook client. Disposing kills both and removes the dump folder.
/// </summary>
internal sealed partial class WatchSession : IDisposable
{
    public const string Token = "integration-s3cret";

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private WatchSession(InstrumentedProcess? app, InstrumentedProcess watch, string dumps)
    {
        App = app;
        Watch = watch;
        Dumps = dumps;
    }

    public InstrumentedProcess? App { get; }

    public InstrumentedProcess Watch { get; }

    public string Dumps { get; }

    public string WebhookUrl { get; private set; } = string.Empty;

    /// <summary>SeedFireAndForget leaking fast (<paramref name="rate"/> requests/s), for far longer than any test waits.</summary>
    public static InstrumentedProcess StartLeakingApp(int durationSeconds = 600, IDictionary<string, string?>? environment = null, int rate = 1000) =>
        InstrumentedProcess.Start(RepoPaths.SampleDll("SeedFireAndForget"), ["--rate", rate.ToString(CultureInfo.InvariantCulture), "--duration", durationSeconds.ToString(CultureInfo.InvariantCulture)], environment ?? new Dictionary<string, string?>(), withHook: false);

    /// <summary>
    /// Starts the watch; <paramref name="autoDetect"/> false sets a threshold no test app reaches, true a low one
    /// (or the default 1MB/min with <paramref name="defaultThreshold"/>); <paramref name="window"/> is the heap window.
    /// </summary>
    public static async Task<WatchSession> StartAsync(InstrumentedProcess? app, string[] target, bool autoDetect, IDictionary<string, string?>? environment = null, string window = "8s", bool defaultThreshold = false)
    {
        var dumps = Path.Combine(Path.GetTempPath(), "leakagent-watch-tests-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["LEAKAGENT_WATCH_TOKEN"] = Token };
        string[] args =
        [
            "watch", .. target,
            "--dump-dir", dumps,
            "--window", window,
            "--poll-interval", "300ms",
            "--scan-interval", "300ms",
            "--threshold", !autoDetect ? "10GB/s" : defaultThreshold ? "1MB/min" : "10KB/s",
            "--cooldown", "10m",
            "--listen", "127.0.0.1:0",
        ];
        var watch = InstrumentedProcess.Start(RepoPaths.Cli, args, settings, withHook: false);
        var session = new WatchSession(app, watch, dumps);
        Assert.True(await watch.WaitForOutputAsync("alert webhook listening on ", TimeSpan.FromSeconds(60)), "the webhook did not start; output:\n" + session.Output);
        session.WebhookUrl = ListeningLine().Match(session.Output).Groups[1].Value;
        return session;
    }

    /// <summary>The leaking app and a watch on its pid (no auto-detection), once the watch has picked it up.</summary>
    public static async Task<(WatchSession Session, string Pid)> StartOnLeakingAppAsync()
    {
        var app = StartLeakingApp();
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        var session = await StartAsync(app, ["--pid", pid], autoDetect: false);
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} ", TimeSpan.FromSeconds(60)), "the target was not picked up; output:\n" + session.Output);
        return (session, pid);
    }

    public string Output => Watch.StandardOutput + Watch.StandardError;

    public Task<(int Status, string Body)> PostAsync(string body, string? token) =>
        PostAsync(Encoding.UTF8.GetBytes(body), token);

    /// <summary>Posts raw bytes (e.g. invalid UTF-8, which no <c>string</c> can carry).</summary>
    public async Task<(int Status, string Body)> PostAsync(byte[] body, string? token)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await s_http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An Alertmanager notification with one firing alert carrying <paramref name="labels"/>.</summary>
    public static string Notification(params (string Name, string Value)[] labels)
    {
        var labelJson = string.Join(",", labels.Append(("alertname", "LeakAgentHeapGrowing")).Select(l => $"\"{l.Item1}\":\"{l.Item2}\""));
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"leakagent-watch\",\"alerts\":[{\"status\":\"firing\",\"labels\":{" + labelJson + "},\"annotations\":{}}]}";
    }

    public async Task<string?> WaitForFileAsync(string pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(Dumps) && Directory.GetFiles(Dumps, pattern).FirstOrDefault() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        return null;
    }

    public string[] FilesNow() => Directory.Exists(Dumps) ? Directory.GetFiles(Dumps) : [];

    public void Dispose()
    {
        Watch.Dispose();
        App?.Dispose();
        if (Directory.Exists(Dumps))
        {
            Directory.Delete(Dumps, recursive: true);
        }
    }

    [GeneratedRegex(@"alert webhook listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
