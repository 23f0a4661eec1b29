using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LeakAgent.IntegrationTests.Otlp;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Watch;

#pragma warning disable CA1416 // The integration tests run on Linux (file modes, diagnostics sockets, SIGTERM).

/// <summary>
/// <c>leakagent watch</c> as a real process against a leaking sample started without the hook: its own detection,
/// the Alertmanager webhook, a target that exits, and SIGTERM. Generous bounds: CI runs these on two loaded cores.
/// </summary>
public sealed class WatchTests
{
    private const string LeakedType = "Softwerkskammer.Members.Member";

    [Fact]
    public async Task LeakingAppWithoutHook_IsDetected_DumpedWithReport_MetricsExported_SigtermExitsCleanly()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var app = WatchSession.StartLeakingApp();
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: true, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });

        var dump = await session.WaitForFileAsync("*.gcdump", TimeSpan.FromSeconds(120));
        Assert.True(dump is not null, "no gcdump was written; watch output:\n" + session.Output);
        Assert.Contains($"process {pid} (SeedFireAndForget): heap leak suspected", session.Output, StringComparison.Ordinal);
        var report = await session.WaitForFileAsync("*.json", TimeSpan.FromSeconds(20));
        Assert.NotNull(report);

        // The dump reads back and holds the leak: the Members kept alive by the pending saves.
        var graph = GcDumpReader.Read(dump).Graph;
        var members = Assert.Single(TypeHistogram.Compute(graph), t => t.TypeName == LeakedType);
        Assert.True(members.Count >= 500, $"only {members.Count} Members in the dump");
        Assert.StartsWith("SeedFireAndForget-" + pid + "-", Path.GetFileName(dump), StringComparison.Ordinal);

        // The same JSON leak report as the agent's, about the watched process.
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report)))
        {
            var root = json.RootElement;
            Assert.Equal(dump, root.GetProperty("dump").GetString());
            Assert.Equal(app.Id, root.GetProperty("pid").GetInt32());
            Assert.Equal("heap_trend", root.GetProperty("trigger").GetString());
            Assert.True(root.GetProperty("heap").GetProperty("growthBytesPerSecond").GetDouble() > 10 * 1024);
            Assert.Contains(root.GetProperty("pendingAsync").EnumerateArray(), p => p.GetProperty("method").GetString() == "Softwerkskammer.Members.MemberStore.SaveMemberAsync");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(session.Dumps));

        // Over OTLP with the agent's names, one series per target.
        var suspected = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.leak_suspected" && m.Points.Any(p => p.Attributes.GetValueOrDefault("process.pid") == pid), TimeSpan.FromSeconds(30));
        Assert.True(suspected is not null, "no leak_suspected series for the target; output:\n" + session.Output);
        Assert.Equal("LeakAgent", suspected.Scope);
        Assert.Equal("leakagent-watch", suspected.Resource["service.name"]);
        Assert.Equal("SeedFireAndForget", suspected.Points.First(p => p.Attributes["process.pid"] == pid).Attributes["leakagent.target.service"]);
        var live = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.live_size" && m.Points.Any(p => p.Attributes.GetValueOrDefault("process.pid") == pid && p.Value > 1_000_000), TimeSpan.FromSeconds(30));
        Assert.NotNull(live);
        var written = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.count" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "written" && p.Attributes.GetValueOrDefault("leakagent.trigger") == "heap_trend"), TimeSpan.FromSeconds(30));
        Assert.NotNull(written);

        // SIGTERM: a clean exit within 5 s, nothing half-written left behind; the app is untouched.
        var stopwatch = Stopwatch.StartNew();
        session.Watch.Terminate();
        Assert.Equal(0, await session.Watch.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the watch took {stopwatch.Elapsed.TotalSeconds:0.0}s to stop");
        Assert.DoesNotContain(session.FilesNow(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(app.HasExited);
    }

    [Fact]
    public async Task Webhook_RightTokenDumpsTheLabelledProcess_WrongTokenAndBadBodyDoNothing()
    {
        var app = WatchSession.StartLeakingApp();
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: false);
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} ", TimeSpan.FromSeconds(60)), "the target was not picked up; output:\n" + session.Output);
        var alert = WatchSession.Notification(("process_pid", pid), ("job", "SeedFireAndForget"));

        // Wrong or missing token: 401, logged, and nothing happens.
        Assert.Equal(401, (await session.PostAsync(alert, "not-the-token")).Status);
        Assert.Equal(401, (await session.PostAsync(alert, null)).Status);
        Assert.Contains("alert webhook: 401 for 127.0.0.1", session.Output, StringComparison.Ordinal);
        Assert.Contains("wrong bearer token", session.Output, StringComparison.Ordinal);

        // Malformed bodies: 400. An alert naming no watched process: 404.
        var (badStatus, badBody) = await session.PostAsync("{\"alerts\": [", WatchSession.Token);
        Assert.Equal(400, badStatus);
        Assert.Contains("not valid JSON", badBody, StringComparison.Ordinal);
        Assert.Equal(400, (await session.PostAsync("{\"version\":\"4\"}", WatchSession.Token)).Status);
        Assert.Equal(404, (await session.PostAsync(WatchSession.Notification(("process_pid", "999999")), WatchSession.Token)).Status);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(session.FilesNow());
        Assert.DoesNotContain("taking a heap snapshot", session.Output, StringComparison.Ordinal);

        // The right token: 202 and a dump of exactly the labelled process.
        var (status, body) = await session.PostAsync(alert, WatchSession.Token);
        Assert.Equal(202, status);
        Assert.Contains(pid, body, StringComparison.Ordinal);
        var dump = await session.WaitForFileAsync("*.gcdump", TimeSpan.FromSeconds(90));
        Assert.True(dump is not null, "no dump after the alert; output:\n" + session.Output);
        Assert.Contains(TypeHistogram.Compute(GcDumpReader.Read(dump).Graph), t => t.TypeName == LeakedType && t.Count >= 100);
        var report = await session.WaitForFileAsync("*.json", TimeSpan.FromSeconds(20));
        Assert.NotNull(report);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal("alert", json.RootElement.GetProperty("trigger").GetString());
        Assert.Equal(app.Id, json.RootElement.GetProperty("pid").GetInt32());
        Assert.Contains($"alert webhook: alert LeakAgentHeapGrowing asks for a dump of process {pid}", session.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetStartingAndExiting_IsFollowedByName_WatchKeepsRunning()
    {
        var service = "watch-test-" + Guid.NewGuid().ToString("N")[..8];
        using var session = await WatchSession.StartAsync(null, ["--name", service], autoDetect: false);

        // Started after the watch, and short-lived: the re-scan picks it up, its exit is a log line.
        using var app = WatchSession.StartLeakingApp(durationSeconds: 6, new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = service });
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} (dotnet, service {service})", TimeSpan.FromSeconds(60)), "the new process was not picked up; output:\n" + session.Output);
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(await session.Watch.WaitForOutputAsync($"process {pid} ({service}) exited; no longer watching it", TimeSpan.FromSeconds(30)), "no exit line; output:\n" + session.Output);

        // The watch runs on and still answers: the process is gone, so an alert for it matches nothing.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(session.Watch.HasExited);
        Assert.Equal(404, (await session.PostAsync(WatchSession.Notification(("job", service)), WatchSession.Token)).Status);
        Assert.DoesNotContain("[ERROR]", session.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", session.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_DuringASnapshot_ExitsWithinFiveSeconds_LeavesNoPartialFile()
    {
        var app = WatchSession.StartLeakingApp();
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: false);
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} ", TimeSpan.FromSeconds(60)), "output:\n" + session.Output);

        // Let the heap grow so the snapshot takes a moment, then stop the watch as it starts.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(202, (await session.PostAsync(WatchSession.Notification(("pid", pid)), WatchSession.Token)).Status);
        Assert.True(await session.Watch.WaitForOutputAsync("taking a heap snapshot of process " + pid, TimeSpan.FromSeconds(30)), "output:\n" + session.Output);
        var stopwatch = Stopwatch.StartNew();
        session.Watch.Terminate();
        Assert.Equal(0, await session.Watch.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the watch took {stopwatch.Elapsed.TotalSeconds:0.0}s to stop; output:\n" + session.Output);

        // A dump is complete or absent: no temporary file, and whatever .gcdump exists reads back whole.
        var files = session.FilesNow();
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        foreach (var dump in files.Where(f => f.EndsWith(".gcdump", StringComparison.Ordinal)))
        {
            Assert.Contains(TypeHistogram.Compute(GcDumpReader.Read(dump).Graph), t => t.TypeName == LeakedType);
        }

        Assert.False(app.HasExited);
    }
}
