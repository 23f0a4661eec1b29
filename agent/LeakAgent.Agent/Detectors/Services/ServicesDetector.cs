using System.Diagnostics.Metrics;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>
/// Finds what the host holds that only grows: a DI singleton whose collection gains an element per request, an
/// <c>IMemoryCache</c> filled with unique keys. It finds the app's root service providers through the Generic
/// Host's <c>HostBuilt</c> event (<see cref="HostDiscovery"/>), and every <c>LEAKAGENT_STATICS_INTERVAL</c> walks
/// the singletons they have created (<see cref="ServiceScanner"/>), emitting <c>leakagent.services.size</c> and
/// <c>leakagent.services.growth_rate</c> for the fastest-growing few, by <c>leakagent.field</c>
/// (e.g. <c>Storefront.PriceHistory._points</c>) with <c>leakagent.service.lifetime</c> = <c>singleton</c>.
/// </summary>
/// <remarks>Reads <see cref="ServicesOptions"/> (<c>LEAKAGENT_SERVICES</c> and the <c>LEAKAGENT_STATICS_*</c> cost
/// settings) at construction. Never creates a service or runs a factory; between scans it holds the providers
/// weakly and no other app object.</remarks>
internal sealed class ServicesDetector : ILeakDetector, IGrowingFieldSource, ISteadyGrowthSource
{
    /// <summary>The lifetime every measured root has: only the root provider's cached singletons are read.</summary>
    public const string SingletonLifetime = "singleton";

    private readonly ServicesOptions _options;
    private readonly TimeProvider _time;
    private readonly HostDiscovery _hosts;
    private readonly ServiceScanner _scanner;
    private readonly GrowthTracker _tracker;
    private readonly Action<string> _log;
    private readonly ScanSchedule _schedule = new();
    private ServiceScanResult? _lastScan;
    private long _scans;

    public ServicesDetector(ServicesOptions options, AgentTelemetry telemetry, TimeProvider time)
        : this(options, telemetry, time, HostDiscovery.ForProcess,
            new ServiceScanner(new AssemblyFilter(options.Statics.Include, options.Statics.Exclude), StaticsDetector.SettingsFrom(options.Statics), SelfLog.Write), SelfLog.Write)
    {
    }

    /// <summary>Builds the detector over given parts (tests track their own provider).</summary>
    public ServicesDetector(ServicesOptions options, AgentTelemetry telemetry, TimeProvider time, HostDiscovery hosts, ServiceScanner scanner, Action<string> log)
    {
        _options = options;
        _time = time;
        _hosts = hosts;
        _scanner = scanner;
        _log = log;
        _tracker = new GrowthTracker(StaticsDefaults.HistoryLength, StaticsDefaults.TopFields, (2 * StaticsDefaults.ConcurrentCollectionEvery) + 1);
        GrowthGauges.Create(telemetry.Meter, MetricNames.ServicesSize, MetricNames.ServicesGrowthRate, "collection held by a DI singleton, or memory cache", () => TopGrowing,
            static f => [new(MetricNames.FieldAttribute, f.Path), new(MetricNames.ServiceLifetimeAttribute, SingletonLifetime)]);
        telemetry.Meter.CreateObservableGauge(
            MetricNames.ServicesCacheSize,
            () => Guard.Get(MetricNames.ServicesCacheSize, ObserveCacheSize, []),
            unit: "{size}",
            description: "Estimated size of a memory cache held by the host, in its entries' own size units, where the app turned its statistics on (TrackStatistics with a SizeLimit).");
    }

    public string Name => DetectorNames.Services;

    /// <summary>Up to <see cref="StaticsDefaults.TopFields"/> growing paths, fastest first; a snapshot.</summary>
    public IReadOnlyList<StaticFieldGrowth> TopGrowing => _tracker.Top;

    public ServiceScanResult? LastScan => Volatile.Read(ref _lastScan);

    /// <inheritdoc/>
    /// <remarks>Same rule as the static collections': a singleton's collection or a cache that grew at every scan.</remarks>
    public string? SteadyGrowth() =>
        TopGrowing.FirstOrDefault(g => g.Steady) is { } field ? $"singleton {StaticsDetector.FormatClause(field)} grew at every scan of the last {field.Samples}" : null;

    /// <summary>The host discovery, so tests can hand it a provider.</summary>
    public HostDiscovery Hosts => _hosts;

    /// <inheritdoc/>
    public IReadOnlyList<GrowingField> GrowingFields(int top) => GrowthGauges.ToGrowingFields(TopGrowing, top);

    public void Start()
    {
        _hosts.Start();
        _schedule.Start(_time, _options.Statics.Interval, "services scan", ScanOnce);
    }

    /// <summary>Runs one scan and records it (the timer calls this; tests call it directly). Skips if one is running.</summary>
    public void ScanNow() => _schedule.RunOnce(ScanOnce);

    public void Describe(ICollection<string> clauses)
    {
        var top = TopGrowing;
        if (top.Count == 0)
        {
            var scan = LastScan;
            if (scan is { Providers: > 0 })
            {
                clauses.Add($"services: nothing growing ({scan.SingletonsRead} singletons)");
            }

            return;
        }

        foreach (var field in top.Take(StaticsDefaults.SummaryFields))
        {
            clauses.Add("singleton " + StaticsDetector.FormatClause(field));
        }
    }

    private List<Measurement<long>> ObserveCacheSize()
    {
        var scan = LastScan;
        if (scan is null)
        {
            return [];
        }

        return scan.Measurements
            .Where(m => m.Size is not null)
            .OrderByDescending(m => m.Size)
            .Take(StaticsDefaults.TopFields)
            .Select(m => new Measurement<long>(m.Size!.Value, new KeyValuePair<string, object?>(MetricNames.FieldAttribute, m.Path), new KeyValuePair<string, object?>(MetricNames.ServiceLifetimeAttribute, SingletonLifetime)))
            .ToList();
    }

    /// <remarks>The host discovery is not disposed: the process-wide one outlives any detector.</remarks>
    public void Dispose() => _schedule.Dispose();

    private void ScanOnce()
    {
        var providers = _hosts.AliveProviders();
        ServiceScanResult result;
        try
        {
            result = _scanner.Scan(providers);
        }
        finally
        {
            // The strong references live for this scan only.
            providers.Clear();
        }

        _tracker.Record(_time.GetUtcNow(), result.Measurements);
        Volatile.Write(ref _lastScan, result);
        if (result.Providers > 0 && Interlocked.Increment(ref _scans) == 1)
        {
            _log($"service scan: {result.Providers} provider(s), {result.Singletons} singletons created, {result.SingletonsRead} read (the app's and memory caches), "
                + $"{result.Measurements.Count} collections, {result.Elapsed.TotalMilliseconds:0.0} ms");
        }
    }
}
