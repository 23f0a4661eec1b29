using System.Diagnostics;
using LeakAgent.Agent.Detectors.Services;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Benchmarks.Statics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeakAgent.Benchmarks.Services;

/// <summary>
/// Measures one service scan plus its growth bookkeeping over a real ServiceProvider with N registered (and
/// resolved) app singletons, a memory cache and the logging/options framework singletons; the baseline, in the same
/// run, is the static scan of N generated types with the same four collections per type. Also the memory the
/// scanner keeps between scans (its caches), measured with full GCs — the benchmark's, never the agent's.
/// </summary>
internal static class ServicesScanBenchmark
{
    private const int Rounds = 30;

    public static void Run(int serviceCount)
    {
        var collection = new ServiceCollection().AddLogging().AddOptions().AddMemoryCache();
        var types = GeneratedServices.Create(serviceCount);
        foreach (var type in types)
        {
            collection.AddSingleton(type);
        }

        using var provider = collection.BuildServiceProvider();
        foreach (var type in types)
        {
            _ = provider.GetRequiredService(type);
        }

        var cache = provider.GetRequiredService<IMemoryCache>();
        for (var i = 0; i < 1000; i++)
        {
            cache.Set(i, i);
        }

        _ = provider.GetRequiredService<ILoggerFactory>();

        var baseline = StaticBaseline(serviceCount);

        var before = Retained();
        var scanner = new ServiceScanner(new AssemblyFilter(["Bench.*"], []), new StaticScanSettings(), Console.Error.WriteLine);
        var tracker = new GrowthTracker(10, 10, 21);
        var (first, times, allocated, last) = Measure(() => scanner.Scan([provider]), r => r.Measurements, tracker, r => r.Elapsed);
        var kept = Retained() - before;
        GC.KeepAlive(scanner);
        GC.KeepAlive(tracker);

        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{serviceCount} registered app singletons (+ logging, options, memory cache): {last.Singletons} singletons created, {last.SingletonsRead} read, "
            + $"{last.Measurements.Count} collections, {last.ObjectsVisited} objects per scan");
        Console.WriteLine($"services first scan: {first.TotalMilliseconds:0.0} ms; later scans ({Rounds}): median {times[Rounds / 2]:0.00} ms, p90 {times[(int)(Rounds * 0.9)]:0.00} ms, "
            + $"min {times[0]:0.00} ms, {allocated / Rounds / 1024.0:0} KB allocated per scan");
        Console.WriteLine($"static baseline ({serviceCount} types x 4 fields): median {baseline[Rounds / 2]:0.00} ms, min {baseline[0]:0.00} ms; "
            + $"ratio services/statics (median) {times[Rounds / 2] / baseline[Rounds / 2]:0.00}");
        Console.WriteLine($"kept by the scanner and tracker between scans: {kept / 1024.0:0} KB (scanner alone: {ScannerAlone(provider) / 1024.0:0} KB)");
    }

    /// <summary>What a scanner keeps (its reflection caches, paths, reused sets) without the growth histories.</summary>
    private static long ScannerAlone(ServiceProvider provider)
    {
        var before = Retained();
        var scanner = new ServiceScanner(new AssemblyFilter(["Bench.*"], []), new StaticScanSettings(), Console.Error.WriteLine);
        for (var i = 0; i <= Rounds; i++)
        {
            _ = scanner.Scan([provider]);
        }

        var kept = Retained() - before;
        GC.KeepAlive(scanner);
        return kept;
    }

    private static List<double> StaticBaseline(int typeCount)
    {
        var generated = GeneratedStatics.Create(typeCount, 4);
        StaticFieldScanner? scanner = null;
        var catalog = new StaticTypeCatalog(new AssemblyFilter(["Bench.Generated"], []), () => [generated], (key, message) => scanner!.ReportOnce(key, message));
        scanner = new StaticFieldScanner(catalog, new TypeInitializationCheck(), new StaticScanSettings(), Console.Error.WriteLine);
        return Measure(scanner.Scan, r => r.Measurements, new GrowthTracker(10, 10, 21), r => r.Elapsed).Times;
    }

    private static (TimeSpan First, List<double> Times, long Allocated, T Last) Measure<T>(Func<T> scan, Func<T, IReadOnlyList<StaticFieldMeasurement>> measurements, GrowthTracker tracker, Func<T, TimeSpan> elapsed)
    {
        var first = scan();
        tracker.Record(DateTimeOffset.UtcNow, measurements(first));
        var times = new List<double>();
        long allocated = 0;
        var last = first;
        for (var i = 0; i < Rounds; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            last = scan();
            tracker.Record(DateTimeOffset.UtcNow, measurements(last));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        times.Sort();
        return (elapsed(first), times, allocated, last);
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
