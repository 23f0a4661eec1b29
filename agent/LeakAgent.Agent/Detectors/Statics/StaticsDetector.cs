using LeakAgent.Agent.Dumps;
using System.Globalization;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Finds static collections that only grow (seed 2: a list on a cached singleton that every request appends to).
/// Every <c>LEAKAGENT_STATICS_INTERVAL</c> it scans the static fields of the app's loaded types, follows object
/// fields down to <c>LEAKAGENT_STATICS_DEPTH</c>, counts the collections it meets, and emits
/// <c>leakagent.statics.size</c> and <c>leakagent.statics.growth_rate</c> for the fastest-growing few, by
/// <c>leakagent.field</c>.
/// </summary>
/// <remarks>Reads <see cref="StaticsOptions"/> (<c>LEAKAGENT_STATICS*</c>) at construction. Never runs a static
/// constructor (see <see cref="TypeInitializationCheck"/>) and keeps no app object between scans.</remarks>
internal sealed class StaticsDetector : ILeakDetector, IStaticGrowthSource, IGrowingFieldSource, ISteadyGrowthSource
{
    private readonly StaticsOptions _options;
    private readonly TimeProvider _time;
    private readonly StaticFieldScanner _scanner;
    private readonly GrowthTracker _tracker;
    private readonly Action<string> _log;
    private readonly ScanSchedule _schedule = new();
    private StaticScanResult? _lastScan;
    private long _scans;

    public StaticsDetector(StaticsOptions options, AgentTelemetry telemetry, TimeProvider time)
        : this(options, telemetry, time, StaticFieldScanner.ForCurrentProcess(new AssemblyFilter(options.Include, options.Exclude), SettingsFrom(options), SelfLog.Write), SelfLog.Write)
    {
    }

    /// <summary>Builds the detector over a given scanner (tests scan their own types).</summary>
    public StaticsDetector(StaticsOptions options, AgentTelemetry telemetry, TimeProvider time, StaticFieldScanner scanner, Action<string> log)
    {
        _options = options;
        _time = time;
        _scanner = scanner;
        _log = log;
        _tracker = new GrowthTracker(StaticsDefaults.HistoryLength, StaticsDefaults.TopFields, (2 * StaticsDefaults.ConcurrentCollectionEvery) + 1);
        GrowthGauges.Create(telemetry.Meter, MetricNames.StaticsSize, MetricNames.StaticsGrowthRate, "static collection", () => TopGrowing,
            static f => [new(MetricNames.FieldAttribute, f.Path)]);
    }

    public string Name => DetectorNames.StaticCollections;

    public IReadOnlyList<StaticFieldGrowth> TopGrowing => _tracker.Top;

    /// <inheritdoc/>
    public IReadOnlyList<GrowingField> GrowingFields(int top) => GrowthGauges.ToGrowingFields(TopGrowing, top);

    /// <inheritdoc/>
    public string? SteadyGrowth() =>
        TopGrowing.FirstOrDefault(g => g.Steady) is { } field ? $"{FormatClause(field)} grew at every scan of the last {field.Samples}" : null;

    public StaticScanResult? LastScan => Volatile.Read(ref _lastScan);

    /// <summary>The scan settings the options translate to.</summary>
    public static StaticScanSettings SettingsFrom(StaticsOptions options) => new() { Depth = options.Depth };

    public void Start()
    {
        _log("static scan: " + RuntimeInitializedFlag.Status);
        _schedule.Start(_time, _options.Interval, "statics scan", ScanOnce);
    }

    /// <summary>Runs one scan and records it (the timer calls this; tests call it directly). Skips if one is running.</summary>
    public void ScanNow() => _schedule.RunOnce(ScanOnce);

    public void Describe(ICollection<string> clauses)
    {
        var top = TopGrowing;
        if (top.Count == 0)
        {
            var scan = LastScan;
            clauses.Add(scan is null ? "statics: not scanned yet" : $"statics: nothing growing ({scan.Measurements.Count} collections)");
            return;
        }

        foreach (var field in top.Take(StaticsDefaults.SummaryFields))
        {
            clauses.Add(FormatClause(field));
        }
    }

    /// <summary><c>Validators.Name.SupportedExtensions +1,200/min (50,000)</c>.</summary>
    public static string FormatClause(StaticFieldGrowth field)
    {
        var perMinute = field.ElementsPerSecond * 60;
        var rate = perMinute >= 10 ? perMinute.ToString("#,0", CultureInfo.InvariantCulture) : perMinute.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{field.DisplayPath} +{rate}/min ({field.Count.ToString("#,0", CultureInfo.InvariantCulture)})";
    }

    public void Dispose() => _schedule.Dispose();

    private void ScanOnce()
    {
        var result = _scanner.Scan();
        _tracker.Record(_time.GetUtcNow(), result.Measurements);
        Volatile.Write(ref _lastScan, result);
        if (Interlocked.Increment(ref _scans) == 1)
        {
            _log($"static scan: {result.TypesRead} types read, {result.TypesNotYetInitialized + result.TypesUnknowable} left unread (static constructor not run), "
                + $"{result.FieldsRead} static fields, {result.Measurements.Count} collections, {result.Elapsed.TotalMilliseconds:0.0} ms");
        }
    }
}
