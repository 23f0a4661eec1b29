using System.Diagnostics;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// One pass over the static fields of the app's loaded types: reads each static field of a type whose static
/// constructor has run (or that has none), follows object FIELDS (never properties) down to the configured depth,
/// and counts the collections it meets. Nothing of the app's is kept after the pass: only paths and counts.
/// </summary>
/// <remarks>
/// Not thread-safe: the detector runs one scan at a time. A field or a <c>Count</c> that throws, or a count that
/// makes no sense, skips that one path and is reported once; the rest of the scan goes on.
/// </remarks>
internal sealed class StaticFieldScanner
{
    private readonly StaticTypeCatalog _catalog;
    private readonly TypeInitializationCheck _initialization;
    private readonly StaticScanSettings _settings;
    private readonly FieldWalker _walker;

    // Reused (and cleared after each scan, so it never holds an app object between scans) to keep scans from
    // re-growing a large set every time.
    private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);
    private int _lastMeasurementCount;
    private long _scanNumber;

    /// <param name="catalog">The types to read.</param>
    /// <param name="initialization">The rule that keeps static constructors from running.</param>
    /// <param name="settings">Depth and budgets.</param>
    /// <param name="log">Where the once-per-fault lines go (the self-log in the agent; a list in tests).</param>
    public StaticFieldScanner(StaticTypeCatalog catalog, TypeInitializationCheck initialization, StaticScanSettings settings, Action<string> log)
    {
        _catalog = catalog;
        _initialization = initialization;
        _settings = settings;
        _walker = new FieldWalker(settings.Depth, log);
    }

    /// <summary>Builds a scanner over the current AppDomain's assemblies.</summary>
    public static StaticFieldScanner ForCurrentProcess(AssemblyFilter filter, StaticScanSettings settings, Action<string> log)
    {
        StaticFieldScanner? scanner = null;
        var catalog = new StaticTypeCatalog(filter, AppDomain.CurrentDomain.GetAssemblies, (key, message) => scanner!.ReportOnce(key, message));
        scanner = new StaticFieldScanner(catalog, new TypeInitializationCheck(), settings, log);
        return scanner;
    }

    public StaticTypeCatalog Catalog => _catalog;

    public StaticScanResult Scan()
    {
        var started = Stopwatch.GetTimestamp();
        var readRare = _scanNumber % Math.Max(1, _settings.RareCollectionEvery) == 0;
        _scanNumber++;
        var context = new ScanContext(_visited, _settings.MaxObjectsPerScan, readRare, _lastMeasurementCount);
        int typesRead = 0, notYet = 0, unknowable = 0, fieldsRead = 0;
        foreach (var type in _catalog.Refresh())
        {
            if (context.BudgetExhausted)
            {
                break;
            }

            if (!IsReady(type))
            {
                if (type.LastReadiness == TypeReadiness.Unknowable)
                {
                    unknowable++;
                }
                else
                {
                    notYet++;
                }

                continue;
            }

            typesRead++;
            foreach (var root in type.Roots)
            {
                if (_walker.TryGetValue(root.Field, null, root.Path, out var value))
                {
                    fieldsRead++;
                    if (value is not null)
                    {
                        _walker.Visit(value, root.Path, type.DisplayStart, 0, context);
                    }
                }
            }
        }

        var visited = context.Visited;
        _visited.Clear();
        _lastMeasurementCount = context.Measurements.Count;
        if (context.BudgetExhausted)
        {
            ReportOnce("statics:budget", $"static scan stopped after {_settings.MaxObjectsPerScan:N0} objects; later fields were not measured this scan");
        }

        return new StaticScanResult
        {
            Measurements = context.Measurements,
            TypesRead = typesRead,
            TypesNotYetInitialized = notYet,
            TypesUnknowable = unknowable,
            FieldsRead = fieldsRead,
            ObjectsVisited = visited,
            BudgetExhausted = context.BudgetExhausted,
            RareCollectionsRead = readRare,
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>Writes <paramref name="message"/> the first time <paramref name="key"/> is seen.</summary>
    public void ReportOnce(string key, string message) => _walker.ReportOnce(key, message);

    private bool IsReady(StaticRootType type)
    {
        if (type.Ready)
        {
            return true;
        }

        type.LastReadiness = _initialization.Check(type.Type);
        type.Ready = type.LastReadiness == TypeReadiness.Ready;
        return type.Ready;
    }
}
