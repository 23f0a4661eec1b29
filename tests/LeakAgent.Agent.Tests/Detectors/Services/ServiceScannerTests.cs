using System.Collections.Concurrent;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Services;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Agent.Tests.Infrastructure;
using LeakAgent.Detection.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Services;

public sealed class ServiceScannerTests
{
    private const string Prefix = "LeakAgent.Agent.Tests.Detectors.Services.ServiceScannerTests.";

    [Fact]
    public void Scan_RealizedSingletons_MeasuresTheAppsListAndTheCacheItHolds_NeverCreatesAService()
    {
        using var provider = new ServiceCollection()
            .AddMemoryCache()
            .AddSingleton<History>()
            .AddSingleton<QuoteCache>()
            .AddSingleton<NeverResolved>()
            .BuildServiceProvider();
        var history = provider.GetRequiredService<History>();
        history.Points.AddRange([1, 2, 3]);
        var cache = provider.GetRequiredService<QuoteCache>();
        for (var i = 0; i < 5; i++)
        {
            cache.Cache.Set("k" + i, i);
        }

        var log = new List<string>();
        var result = Scanner(log).Scan([provider]);

        Assert.Equal(1, result.Providers);
        Assert.Contains(result.Measurements, m => m.Path == Prefix + "History.Points" && m.Count == 3);

        // The cache is named through the app service that holds it (a captured primary-constructor parameter).
        Assert.Contains(result.Measurements, m => m.Path == Prefix + "QuoteCache.cache" && m.Count == 5);
        Assert.Equal(0, NeverResolved.Created);
        Assert.DoesNotContain(result.Measurements, m => m.Path.Contains("NeverResolved", StringComparison.Ordinal));
        Assert.Empty(log);
    }

    [Fact]
    public void Scan_RegisteredMemoryCacheUsedByNoAppService_IsCountedUnderItsServiceType()
    {
        using var provider = new ServiceCollection().AddMemoryCache().BuildServiceProvider();
        var cache = provider.GetRequiredService<IMemoryCache>();
        cache.Set("a", 1);
        cache.Set("b", 2);

        var result = Scanner([]).Scan([provider]);

        Assert.Contains(result.Measurements, m => m.Path == "Microsoft.Extensions.Caching.Memory.IMemoryCache" && m.Count == 2);
    }

    [Fact]
    public void Scan_MemoryCacheWithStatistics_ReportsItsEstimatedSize_WithoutStatisticsNone()
    {
        using var provider = new ServiceCollection().AddMemoryCache(o => { o.SizeLimit = 100; o.TrackStatistics = true; }).BuildServiceProvider();
        var cache = provider.GetRequiredService<IMemoryCache>();
        cache.Set("a", 1, new MemoryCacheEntryOptions { Size = 3 });
        cache.Set("b", 2, new MemoryCacheEntryOptions { Size = 4 });
        using var plain = new ServiceCollection().AddMemoryCache().BuildServiceProvider();
        plain.GetRequiredService<IMemoryCache>().Set("a", 1);

        var withStatistics = Assert.Single(Scanner([]).Scan([provider]).Measurements);
        var without = Assert.Single(Scanner([]).Scan([plain]).Measurements);

        Assert.Equal((2, 7L), (withStatistics.Count, withStatistics.Size));
        Assert.Null(without.Size);
    }

    [Fact]
    public void HostDiscovery_HostBuilt_TracksTheHostsProviderWeakly()
    {
        using var discovery = new HostDiscovery(_ => { });
        discovery.Start();
        using (var host = Host.CreateApplicationBuilder().Build())
        {
            Assert.Contains(discovery.AliveProviders(), p => ReferenceEquals(p, host.Services));
        }
    }

    [Fact]
    public void Detector_GrowingSingletonList_ReportsARateUnderTheServicesInstruments()
    {
        var time = new ManualTimeProvider();
        var settings = new SettingsReader(new Dictionary<string, string?> { ["LEAKAGENT_STATICS_INTERVAL"] = "30s" }, _ => { });
        var options = new ServicesOptions(settings, new StaticsOptions(settings));
        using var telemetry = new AgentTelemetry();
        using var provider = new ServiceCollection().AddSingleton<History>().BuildServiceProvider();
        var history = provider.GetRequiredService<History>();
        using var hosts = new HostDiscovery(_ => { });
        hosts.Track(provider);
        using var detector = new ServicesDetector(options, telemetry, time, hosts, Scanner([]), _ => { });

        detector.Start();
        for (var scan = 0; scan < 4; scan++)
        {
            history.Points.AddRange(Enumerable.Range(0, 300));
            time.Advance(TimeSpan.FromSeconds(30));
        }

        var top = Assert.Single(detector.GrowingFields(10));
        Assert.Equal(Prefix + "History.Points", top.Path);
        Assert.Equal(10.0, top.ElementsPerSecond, 6);
        var clauses = new List<string>();
        detector.Describe(clauses);
        Assert.Equal("singleton ServiceScannerTests.History.Points +600/min (1,200)", Assert.Single(clauses));
    }

    [Fact]
    public void Scan_CollectionRegisteredAsASingleton_IsCountedUnderItsReadableTypeName()
    {
        using var provider = new ServiceCollection().AddSingleton<ConcurrentDictionary<string, History>>().BuildServiceProvider();
        var orders = provider.GetRequiredService<ConcurrentDictionary<string, History>>();
        orders["a"] = new History();
        orders["b"] = new History();

        var result = Scanner([]).Scan([provider]);

        var measured = Assert.Single(result.Measurements);
        Assert.Equal("System.Collections.Concurrent.ConcurrentDictionary<System.String, " + Prefix + "History>", measured.Path);
        Assert.Equal(2, measured.Count);
    }

    [Fact]
    public void Scan_SingletonHoldingAFrameworkObject_DoesNotWalkIntoTheFrameworksInternals()
    {
        using var provider = new ServiceCollection().AddLogging().AddSingleton<UsesLogging>().BuildServiceProvider();
        _ = provider.GetRequiredService<UsesLogging>();

        var result = Scanner([]).Scan([provider]);

        // LoggerFactory keeps lists of providers and loggers; they are the framework's, not the app's state.
        Assert.DoesNotContain(result.Measurements, m => m.Path.StartsWith(Prefix + "UsesLogging.factory.", StringComparison.Ordinal));
        Assert.Contains(result.Measurements, m => m.Path == Prefix + "UsesLogging.Seen");
    }

    private static ServiceScanner Scanner(List<string> log) =>
        new(new AssemblyFilter([], []), new StaticScanSettings { Depth = 2 }, log.Add);

    public sealed class History
    {
        public List<int> Points { get; } = [];
    }

    public sealed class QuoteCache(IMemoryCache cache)
    {
        public IMemoryCache Cache => cache;
    }

    public sealed class UsesLogging(Microsoft.Extensions.Logging.ILoggerFactory factory)
    {
        public List<string> Seen { get; } = [];

        public override string ToString() => factory.ToString()!;
    }

    public sealed class NeverResolved
    {
        public NeverResolved() => Created++;

        public static int Created { get; private set; }
    }
}
