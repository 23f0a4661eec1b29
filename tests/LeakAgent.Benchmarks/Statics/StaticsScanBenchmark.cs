using System.Diagnostics;
using LeakAgent.Agent.Detectors.Statics;

namespace LeakAgent.Benchmarks.Statics;

/// <summary>Measures one static scan plus its growth bookkeeping over a generated assembly: the first scan
/// (catalog build) and later scans.</summary>
internal static class StaticsScanBenchmark
{
    private const int Rounds = 30;

    public static void Run(int typeCount, int fieldsPerType)
    {
        var generated = GeneratedStatics.Create(typeCount, fieldsPerType);
        StaticFieldScanner? scanner = null;
        var filter = new AssemblyFilter(["Bench.Generated"], []);
        var catalog = new StaticTypeCatalog(filter, () => [generated], (key, message) => scanner!.ReportOnce(key, message));
        scanner = new StaticFieldScanner(catalog, new TypeInitializationCheck(), new StaticScanSettings(), Console.Error.WriteLine);

        var tracker = new GrowthTracker(10, 10, 21);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var first = scanner.Scan();
        tracker.Record(DateTimeOffset.UtcNow, first.Measurements);
        var firstAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var times = new List<double>();
        long allocated = 0;
        StaticScanResult last = first;
        for (var i = 0; i < Rounds; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            last = scanner.Scan();
            tracker.Record(DateTimeOffset.UtcNow, last.Measurements);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        times.Sort();
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; runtime flag: {RuntimeInitializedFlag.Status}");
        Console.WriteLine($"{typeCount} types x {fieldsPerType} static fields = {catalog.FieldCount} cataloged; per scan: {last.TypesRead} types read, "
            + $"{last.TypesNotYetInitialized} not initialized, {last.FieldsRead} fields read, {last.Measurements.Count} collections, {last.ObjectsVisited} objects");
        Console.WriteLine($"first scan (builds the catalog): {first.Elapsed.TotalMilliseconds:0.0} ms, {firstAllocated / 1024.0 / 1024:0.0} MB allocated");
        Console.WriteLine($"later scans ({Rounds}): median {times[Rounds / 2]:0.00} ms, p90 {times[(int)(Rounds * 0.9)]:0.00} ms, min {times[0]:0.00} ms, "
            + $"{allocated / Rounds / 1024.0:0} KB allocated per scan");
    }
}
