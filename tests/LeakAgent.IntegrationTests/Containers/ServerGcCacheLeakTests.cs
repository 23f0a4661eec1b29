using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Containers;

/// <summary>
/// The DiagnosticScenarios shape: an ASP.NET Core service on Server GC whose static processor caches every
/// customer, ~30 MB/min under real HTTP load, in a 1 GB pod, on defaults. Server GC runs few full GCs, so the heap
/// trend cannot give a verdict for many minutes; the static collection that only grows must trigger the dump.
/// </summary>
public sealed class ServerGcCacheLeakTests
{
    [MemoryCgroupFact]
    public async Task CacheGrowing30MBPerMinute_OnServerGc_FirstDumpWithinThreeMinutes()
    {
        using var dumps = new ScratchDirectory("leakagent-servergc-");
        using var cgroup = MemoryCgroup.Create("servergc", 1024L * 1024 * 1024);
        var port = FreePort();
        var environment = LeakRun.AgentDefaults(dumps.Path);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var (fileName, arguments) = cgroup.Wrap("dotnet", [RepoPaths.SampleDll("CustomerCacheService")]);
        using var app = InstrumentedProcess.Start(fileName, arguments, environment, withHook: false);
        var clock = Stopwatch.StartNew();
        Assert.True(await app.WaitForOutputAsync("listening", TimeSpan.FromSeconds(60)), app.StandardError);

        using var load = new CancellationTokenSource();
        var driver = DriveAsync(port, load.Token);
        string? dump;
        try
        {
            dump = await WaitForDumpAsync(dumps.Path, app, TimeSpan.FromMinutes(3) - clock.Elapsed);
        }
        finally
        {
            await load.CancelAsync();
            await driver;
        }

        var elapsed = clock.Elapsed;
        Assert.True(dump is not null, $"no dump within 3 minutes of the start ({elapsed}); stderr:\n{app.StandardError}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(dump, ".json")));
        var root = report.RootElement;

        // Few full GCs: the heap trend had no verdict, the steadily growing static collection triggered the dump.
        Assert.Equal("static_collections", root.GetProperty("trigger").GetString());
        var fields = root.GetProperty("growingStaticFields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToList();
        Assert.Contains("Contoso.Customers.CustomerEndpoints.s_processor.cache.cache", fields);
        Assert.Contains(root.GetProperty("retainers").EnumerateArray().Take(3), r => r.GetProperty("root").GetString()!.Contains("CustomerEndpoints.s_processor", StringComparison.Ordinal));
    }

    /// <summary>25 requests a second, each caching 10 customers of ~2 KB: ~30 MB/min, until cancelled.</summary>
    private static async Task DriveAsync(int port, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * 25);
            while (sent < due && !stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("/api/customers/process/10", UriKind.Relative), stop);
                    response.EnsureSuccessStatusCode();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                sent++;
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string?> WaitForDumpAsync(string directory, InstrumentedProcess app, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !app.HasExited)
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory, "*.gcdump").FirstOrDefault() is { } dump && File.Exists(Path.ChangeExtension(dump, ".json")))
            {
                return dump;
            }

            await Task.Delay(500);
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
