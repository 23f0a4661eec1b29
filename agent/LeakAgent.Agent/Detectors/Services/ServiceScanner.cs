using System.Diagnostics;
using LeakAgent.Agent.Detectors.Statics;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>
/// One pass over the singletons the app's service providers have created: the app's own (by the same assembly
/// filter as the static scan) are walked field by field down to the configured depth with the static scan's
/// rules and budget; <c>MemoryCache</c> singletons are counted. Paths start with the singleton's implementation
/// type: <c>Storefront.PriceHistory._points</c>. Nothing of the app's is kept after the pass.
/// </summary>
/// <remarks>Not thread-safe: the detector runs one scan at a time.</remarks>
internal sealed class ServiceScanner
{
    private readonly AssemblyFilter _filter;
    private readonly StaticScanSettings _settings;
    private readonly FieldWalker _walker;
    private readonly Dictionary<Type, RealizedSingletons?> _readers = [];
    private readonly Dictionary<Type, string> _rootPaths = [];

    // Reused and cleared after every scan, so no app object is held between scans.
    private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly List<RealizedService> _services = [];
    private readonly List<(string Path, int DisplayStart, object Instance)> _roots = [];
    private readonly HashSet<string> _usedPaths = new(StringComparer.Ordinal);
    private int _lastMeasurementCount;
    private int _rootsRead;
    private long _scanNumber;

    /// <param name="filter">Which assemblies' singletons are the app's.</param>
    /// <param name="settings">Depth and budgets (the static scan's).</param>
    /// <param name="log">Where the once-per-fault lines go.</param>
    public ServiceScanner(AssemblyFilter filter, StaticScanSettings settings, Action<string> log)
    {
        _filter = filter;
        _settings = settings;
        // Below a singleton only the app's own objects are followed: a framework object it holds (a logger, the
        // HTTP client factory with its queue of expiring handlers, an options cache) has internal collections that
        // rise and fall by design. Collections and caches held in the app's fields are still measured.
        _walker = new FieldWalker(settings.Depth, log, type => filter.ShouldScan(type.Assembly) || IsLazy(type));
    }

    public ServiceScanResult Scan(IReadOnlyList<object> providers)
    {
        var started = Stopwatch.GetTimestamp();
        // Bags and stacks below a singleton are counted as rarely as below a static (dictionaries, queues and caches
        // every scan: their counts take no lock).
        var readRare = _scanNumber++ % Math.Max(1, _settings.RareCollectionEvery) == 0;
        var context = new ScanContext(_visited, _settings.MaxObjectsPerScan, readRare, _lastMeasurementCount);
        int providersRead = 0, singletons = 0, visited = 0;
        try
        {
            foreach (var provider in providers)
            {
                if (ReaderFor(provider.GetType()) is { } reader && Read(reader, provider))
                {
                    providersRead++;
                }
            }

            singletons = _services.Count;
            CollectRoots();
            foreach (var (path, displayStart, instance) in _roots)
            {
                if (context.BudgetExhausted)
                {
                    break;
                }

                _walker.Visit(instance, path, displayStart, 0, context);
            }
        }
        finally
        {
            // Whatever happened, no app object stays referenced until the next scan.
            visited = context.Visited;
            _visited.Clear();
            _services.Clear();
            _roots.Clear();
            _usedPaths.Clear();
        }

        _lastMeasurementCount = context.Measurements.Count;
        if (context.BudgetExhausted)
        {
            _walker.ReportOnce("services:budget", $"service scan stopped after {_settings.MaxObjectsPerScan:N0} objects; later singletons were not measured this scan");
        }

        return new ServiceScanResult
        {
            Measurements = context.Measurements,
            Providers = providersRead,
            Singletons = singletons,
            SingletonsRead = _rootsRead,
            ObjectsVisited = visited,
            BudgetExhausted = context.BudgetExhausted,
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    private bool Read(RealizedSingletons reader, object provider)
    {
#pragma warning disable CA1031 // The provider's internals may differ from what we expect; it is skipped, reported once.
        try
        {
            if (reader.TryRead(provider, _services, out var problem))
            {
                return true;
            }

            _walker.ReportOnce("services:shape:" + provider.GetType().AssemblyQualifiedName, "service scan cannot read this provider: " + problem);
        }
        catch (Exception ex)
        {
            _walker.ReportOnce("services:read:" + provider.GetType().AssemblyQualifiedName, $"service scan cannot read {provider.GetType().FullName}: {ex.GetType().Name}: {ex.Message}");
        }
#pragma warning restore CA1031

        return false;
    }

    /// <summary>The app's singletons first, by path (so a cache an app service holds is named through that
    /// service, e.g. <c>Storefront.QuoteService.cache</c>), then memory caches registered on their own.</summary>
    private void CollectRoots()
    {
        _rootsRead = 0;
        var caches = new List<(string, int, object)>();
        foreach (var service in _services)
        {
            var type = service.Instance.GetType();
            if (type.IsCollectible)
            {
                continue;
            }

            if (_filter.ShouldScan(type.Assembly))
            {
                _roots.Add((UniquePath(RootPath(type)), FieldPath.DisplayStart(type), service.Instance));
            }
            else if (IsAppCollection(type))
            {
                // A collection registered as a service itself (AddSingleton<ConcurrentDictionary<string, Order>>()):
                // named by its service type, e.g. System.Collections.Concurrent.ConcurrentDictionary<System.String, Shop.Order>.
                var named = service.ServiceType is { IsCollectible: false } serviceType ? serviceType : type;
                _roots.Add((UniquePath(RootPath(named)), FieldPath.DisplayStart(named), service.Instance));
            }
            else if (MemoryCacheCount.TryCreate(type) is not null)
            {
                var named = service.ServiceType is { IsCollectible: false } serviceType ? serviceType : type;
                caches.Add((UniquePath(RootPath(named)), FieldPath.DisplayStart(named), service.Instance));
            }
        }

        _roots.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        _roots.AddRange(caches);
        _rootsRead = _roots.Count;
    }

    /// <summary>A non-array generic collection over at least one of the app's types (framework-registered
    /// collections, and the arrays the container caches for IEnumerable&lt;T&gt; services, are not the app's state).</summary>
    private bool IsAppCollection(Type type)
    {
        return !type.IsArray && type.IsGenericType
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            && type.GetGenericArguments().Any(a => !a.IsCollectible && _filter.ShouldScan(a.Assembly));
    }

    private static bool IsLazy(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Lazy<>);

    private string RootPath(Type type)
    {
        if (!_rootPaths.TryGetValue(type, out var path))
        {
            path = FieldPath.TypeName(type);
            _rootPaths[type] = path;
        }

        return path;
    }

    // Two instances of one type (keyed or repeated registrations) must not share a path: their counts would mix.
    private string UniquePath(string path)
    {
        if (_usedPaths.Add(path))
        {
            return path;
        }

        for (var n = 2; ; n++)
        {
            var numbered = $"{path}[{n}]";
            if (_usedPaths.Add(numbered))
            {
                return numbered;
            }
        }
    }

    private RealizedSingletons? ReaderFor(Type providerType)
    {
        if (!_readers.TryGetValue(providerType, out var reader))
        {
            reader = RealizedSingletons.For(providerType, out var problem);
            if (problem is not null)
            {
                _walker.ReportOnce("services:provider:" + providerType.AssemblyQualifiedName, "service scan cannot read this provider: " + problem);
            }

            if (!providerType.IsCollectible)
            {
                _readers[providerType] = reader;
            }
        }

        return reader;
    }
}
