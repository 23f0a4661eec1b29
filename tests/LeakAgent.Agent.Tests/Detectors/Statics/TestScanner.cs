using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

/// <summary>Builds scanners over this test assembly only, with their log lines captured.</summary>
internal static class TestScanner
{
    public const string Prefix = "LeakAgent.Agent.Tests.Detectors.Statics.Fixtures.";

    public static StaticFieldScanner Create(List<string> log, int depth = 2, Func<Type, bool?>? runtimeFlag = null, int maxObjects = 100_000)
    {
        StaticFieldScanner? scanner = null;
        var filter = new AssemblyFilter([], []);
        var catalog = new StaticTypeCatalog(filter, () => [typeof(Validators).Assembly], (key, message) => scanner!.ReportOnce(key, message));
        var check = runtimeFlag is null ? new TypeInitializationCheck() : new TypeInitializationCheck(runtimeFlag);
        scanner = new StaticFieldScanner(catalog, check, new StaticScanSettings { Depth = depth, MaxObjectsPerScan = maxObjects }, line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        });
        return scanner;
    }

    public static long? CountOf(StaticScanResult result, string relativePath)
    {
        var found = result.Measurements.Where(m => m.Path == Prefix + relativePath).ToList();
        return found.Count == 0 ? null : found[0].Count;
    }
}
