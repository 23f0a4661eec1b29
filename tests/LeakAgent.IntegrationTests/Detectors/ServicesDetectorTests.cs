using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Detectors;

/// <summary>
/// The leaks the host holds, end to end over loopback HTTP: the Storefront sample's singleton list and memory cache
/// rise in leakagent.services.size under the hook with no code changes; the healthy mode (bounded history and
/// cache, same traffic) names no growing field.
/// </summary>
public sealed class ServicesDetectorTests
{
    private const string SingletonField = "Storefront.PriceHistory._points";
    private const string CacheField = "Storefront.QuoteService.cache";
    private static readonly TimeSpan s_scanInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Storefront_Leaky_ExportsTheSingletonsListAndTheCachesEntryCountRising()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = StartStorefront(receiver, "leaky");
        Assert.True(await app.WaitForOutputAsync("listening on", s_wait), "Storefront did not start; stderr:\n" + app.StandardError);
        var growthStarted = DateTimeOffset.UtcNow;

        var list = await WaitForRisingAsync(receiver, SingletonField);
        var cache = await WaitForRisingAsync(receiver, CacheField);
        app.Kill();

        AssertRising(list, SingletonField, app);
        AssertRising(cache, CacheField, app);

        // Growth starts with the first requests: a rate needs two scans, then one export interval (500 ms) carries it;
        // the slack is for a loaded machine.
        var bound = (2 * s_scanInterval) + TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(3);
        Assert.True(list[0].Time - growthStarted <= bound, $"{SingletonField} first exported {(list[0].Time - growthStarted).TotalSeconds:0.0}s after growth began");
        Assert.True(cache[0].Time - growthStarted <= bound, $"{CacheField} first exported {(cache[0].Time - growthStarted).TotalSeconds:0.0}s after growth began");
        Assert.Equal("singleton", list[0].Attributes["leakagent.service.lifetime"]);
        Assert.Equal("singleton", cache[0].Attributes["leakagent.service.lifetime"]);
        var rates = receiver.PointsOf("leakagent.services.growth_rate").Where(x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == SingletonField).Select(x => x.Point.Value).ToList();
        Assert.NotEmpty(rates);

        // 20 requests/s to each endpoint, one element each (loose bounds: a shared machine).
        Assert.InRange(rates[^1], 2, 80);
        var size = receiver.Metrics.First(m => m.Name == "leakagent.services.size");
        Assert.Equal("{element}", size.Unit);
        Assert.Equal("LeakAgent", size.Scope);
        Assert.Contains("service scan: 1 provider(s)", app.StandardError, StringComparison.Ordinal);

        // The bounded cache with statistics on: its size is exported (64 entries of size 1), and, flat, it is not
        // among the growing fields.
        var cacheSize = receiver.PointsOf("leakagent.services.cache_size").Where(x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == "Storefront.RecentlyViewed._cache").ToList();
        Assert.NotEmpty(cacheSize);
        Assert.Equal(64, cacheSize[^1].Point.Value);
        Assert.DoesNotContain(receiver.PointsOf("leakagent.services.size"), x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == "Storefront.RecentlyViewed._cache");
    }

    [Fact]
    public async Task Storefront_Healthy_SameTrafficBoundedState_NamesNoGrowingField()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = StartStorefront(receiver, "healthy");

        // Wait until the service scan has run on the live host, then for 12 more scan intervals of traffic.
        Assert.True(await app.WaitForOutputAsync("service scan: 1 provider(s)", s_wait), "the service scan never read the host; stderr:\n" + app.StandardError);
        var until = DateTimeOffset.UtcNow + (12 * s_scanInterval);
        var exports = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.leak_suspected" && m.Points.Any(p => p.Time >= until), s_wait);
        app.Kill();

        Assert.True(exports is not null, "no export after the healthy run; stderr:\n" + app.StandardError);
        var growing = receiver.PointsOf("leakagent.services.size").Select(x => x.Point.Attributes.GetValueOrDefault("leakagent.field")).Distinct().ToList();
        Assert.True(growing.Count == 0, "the healthy control named growing fields: " + string.Join(", ", growing));
        Assert.DoesNotContain(receiver.PointsOf("leakagent.heap.leak_suspected"), x => x.Point.Value == 1);
        Assert.DoesNotContain("singleton Storefront", app.StandardError, StringComparison.Ordinal);
    }

    private static InstrumentedProcess StartStorefront(OtlpTestReceiver receiver, string mode)
    {
        var settings = TestAgentSettings.ExportTo(receiver);
        settings["LEAKAGENT_STATICS_INTERVAL"] = "500ms";
        settings["LEAKAGENT_LOG"] = "stderr";
        return InstrumentedProcess.Start(RepoPaths.SampleDll("Storefront"), ["--urls", "http://127.0.0.1:0", "--drive", "20", "--mode", mode], settings);
    }

    private static async Task<List<ReceivedPoint>> WaitForRisingAsync(OtlpTestReceiver receiver, string field)
    {
        var deadline = DateTime.UtcNow + s_wait;
        var points = PointsFor(receiver, field);
        while (points.Select(p => p.Value).Distinct().Count() < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            points = PointsFor(receiver, field);
        }

        return points;
    }

    private static void AssertRising(List<ReceivedPoint> points, string field, InstrumentedProcess app)
    {
        Assert.True(points.Select(p => p.Value).Distinct().Count() >= 3, $"leakagent.services.size for {field} did not rise over 3 exports; got [{string.Join(", ", points.Select(p => p.Value))}]; stderr:\n{app.StandardError}");
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].Value >= points[i - 1].Value, $"{field} fell from {points[i - 1].Value} to {points[i].Value}");
        }
    }

    private static List<ReceivedPoint> PointsFor(OtlpTestReceiver receiver, string field)
    {
        return receiver.PointsOf("leakagent.services.size")
            .Where(x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == field)
            .Select(x => x.Point)
            .OrderBy(p => p.Time)
            .ToList();
    }
}
