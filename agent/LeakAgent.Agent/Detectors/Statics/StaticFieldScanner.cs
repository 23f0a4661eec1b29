using System.Diagnostics;
using System.Reflection;

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
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const int MaxFaultKeys = 1000;
    private const int MaxCachedChildPaths = 200_000;

    private readonly StaticTypeCatalog _catalog;
    private readonly TypeInitializationCheck _initialization;
    private readonly StaticScanSettings _settings;
    private readonly Action<string> _log;
    private readonly Dictionary<Type, CountReader> _readers = [];
    private readonly Dictionary<Type, InstanceField[]> _fields = [];
    private readonly HashSet<string> _faultKeys = new(StringComparer.Ordinal);

    // Paths below a static are the same scan after scan: cached, so a steady scan allocates no path strings.
    private readonly Dictionary<(string Parent, string Field), string> _childPaths = [];

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
        _log = log;
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
                if (TryGetValue(root.Field, null, root.Path, out var value))
                {
                    fieldsRead++;
                    if (value is not null)
                    {
                        Visit(value, root.Path, type.DisplayStart, 0, context);
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
    public void ReportOnce(string key, string message)
    {
        if (_faultKeys.Count < MaxFaultKeys && _faultKeys.Add(key))
        {
            _log(message);
        }
    }

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

    private void Visit(object value, string path, int displayStart, int depth, ScanContext context)
    {
        if (!context.TryEnter(value))
        {
            return;
        }

        var type = value.GetType();
        var reader = ReaderFor(type, path);
        if (reader.Kind != CountKind.None)
        {
            Measure(value, reader, path, displayStart, context);
            return;
        }

        if (depth >= _settings.Depth || !CanDescend(type))
        {
            return;
        }

        foreach (var field in FieldsOf(type))
        {
            if (context.BudgetExhausted)
            {
                return;
            }

            if (TryGetValue(field.Field, value, path, out var child) && child is not null)
            {
                Visit(child, ChildPath(path, field.Name), displayStart, depth + 1, context);
            }
        }
    }

    private void Measure(object value, CountReader reader, string path, int displayStart, ScanContext context)
    {
        if (reader.Kind == CountKind.RareCollection && !context.ReadRare)
        {
            return;
        }

        int count;
#pragma warning disable CA1031 // An app collection's Count may throw anything; that path is skipped, the scan goes on.
        try
        {
            count = reader.Read(value);
        }
        catch (Exception ex)
        {
            ReportOnce("statics:count:" + path, $"static scan skips {path}: its Count threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
#pragma warning restore CA1031

        if (count < 0)
        {
            ReportOnce("statics:count:" + path, $"static scan skips {path}: its Count returned {count}");
            return;
        }

        context.Measurements.Add(new StaticFieldMeasurement(path, displayStart, count, reader.Kind));
    }

    private bool TryGetValue(FieldInfo field, object? target, string path, out object? value)
    {
#pragma warning disable CA1031 // Reading a field can fail (a type that cannot load); that field is skipped, the scan goes on.
        try
        {
            value = field.GetValue(target);
            return true;
        }
        catch (Exception ex)
        {
            ReportOnce("statics:field:" + path + "/" + field.Name, $"static scan skips {path} ({field.Name}): {ex.GetType().Name}: {ex.Message}");
            value = null;
            return false;
        }
#pragma warning restore CA1031
    }

    private string ChildPath(string parent, string field)
    {
        if (_childPaths.TryGetValue((parent, field), out var cached))
        {
            return cached;
        }

        var path = parent + "." + field;
        if (_childPaths.Count < MaxCachedChildPaths)
        {
            _childPaths[(parent, field)] = path;
        }

        return path;
    }

    private CountReader ReaderFor(Type type, string path)
    {
        if (_readers.TryGetValue(type, out var cached))
        {
            return cached;
        }

        CountReader reader;
#pragma warning disable CA1031 // Classifying a strange type (a missing interface dependency) must not stop the scan.
        try
        {
            reader = CountReader.For(type);
        }
        catch (Exception ex)
        {
            ReportOnce("statics:classify:" + type.FullName, $"static scan cannot classify {type.FullName} at {path}: {ex.GetType().Name}: {ex.Message}");
            reader = CountReader.None;
        }
#pragma warning restore CA1031

        // Never cache a collectible type: the dictionary would keep its load context from unloading.
        if (!type.IsCollectible)
        {
            _readers[type] = reader;
        }

        return reader;
    }

    private InstanceField[] FieldsOf(Type type)
    {
        if (_fields.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var fields = new List<InstanceField>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(InstanceFields | BindingFlags.DeclaredOnly))
            {
                if (FieldFilter.CanHoldCollection(field))
                {
                    fields.Add(new InstanceField(field, FieldPath.MemberName(field)));
                }
            }
        }

        var result = fields.ToArray();
        _fields[type] = result;
        return result;
    }

    private static bool CanDescend(Type type)
    {
        // Collectible types are neither cached nor followed. CoreLib's own objects (tasks, threads, type
        // objects, ...) are implementation detail, except Lazy<T> which commonly wraps a cached singleton; its
        // field is read directly, never its Value (which could run the factory).
        if (type.IsCollectible || type.IsValueType)
        {
            return false;
        }

        return type.Assembly != typeof(object).Assembly
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Lazy<>));
    }
}
