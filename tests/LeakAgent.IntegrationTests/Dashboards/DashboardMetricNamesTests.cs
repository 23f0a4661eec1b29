using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;
using DashboardFile = LeakAgent.Dashboards.Tests.Validation.DashboardFile;
using MetricDefinition = LeakAgent.Dashboards.Tests.Naming.MetricDefinition;
using MetricNameCheck = LeakAgent.Dashboards.Tests.Validation.MetricNameCheck;
using Paths = LeakAgent.IntegrationTests.Infrastructure.RepoPaths;

namespace LeakAgent.IntegrationTests.Dashboards;

/// <summary>
/// Issue #6 acceptance: every metric that a dashboard query, an alert or recording rule, or a rule test reads is one
/// the agent really exported in this run (its OTLP name, unit and kind as the test receiver decoded them, mapped to
/// Prometheus names) or a documented runtime name (dashboards/metrics/runtime-metrics.tsv: .NET 9+ <c>dotnet.*</c>
/// and the older <c>process.runtime.dotnet.*</c>).
/// </summary>
/// <remarks>
/// The OTLP-to-Prometheus mapping is <c>PrometheusNaming</c> (tests/LeakAgent.Dashboards.Tests/Naming, compiled in
/// here): the rules of the OpenTelemetry Collector's <c>prometheus</c> exporter with its default
/// <c>translation_strategy: UnderscoreEscapingWithSuffixes</c>, i.e. <c>normalizeName</c> in
/// github.com/prometheus/otlptranslator metric_namer.go and unit_namer.go (read at commit 51da773): name split at
/// every character outside [a-zA-Z0-9:] and joined with <c>_</c>; UCUM unit suffix (<c>By</c>→<c>_bytes</c>,
/// <c>s</c>→<c>_seconds</c>, <c>X/s</c>→<c>_X_per_second</c>, <c>{annotation}</c> dropped, <c>1</c> none) unless
/// the name has that token already; monotonic sums get <c>_total</c> (every other <c>total</c> token removed);
/// gauges (not up-down counters) with unit <c>1</c> get <c>_ratio</c>; histograms <c>_bucket/_sum/_count</c>. These
/// follow the spec's compatibility/prometheus_and_openmetrics.md. opentelemetry-dotnet's own Prometheus exporter
/// (OpenTelemetry.Exporter.Prometheus.*, Internal/PrometheusMetric.cs) uses the same unit map and the same
/// <c>_total</c>/<c>_ratio</c> rules but skips <c>_total</c> when "total" appears anywhere in the name; the
/// dashboards are written for the Collector path (dashboards/otel-collector/config.yaml).
/// <para>
/// Three real processes, side by side, so that every LeakAgent instrument has data: SeedFireAndForget with short
/// windows (heap detector, pending <c>SaveMemberAsync</c> operations, unobserved <c>TimeoutException</c>s, and a
/// gcdump written when the heap trend trips: <c>gcdump.count</c> and <c>gcdump.duration</c>), and SeedCachedValidator
/// driving itself (its growing static list: <c>statics.size</c>, <c>statics.growth_rate</c>), and Storefront (a
/// growing singleton list and memory cache: <c>services.size</c>, <c>services.growth_rate</c>). The test waits until
/// the check passes or a deadline, so a name that never shows up fails with the list of what is missing; both
/// apps run longer than the deadline.
/// </para>
/// </remarks>
public sealed class DashboardMetricNamesTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);
    private readonly ScratchDirectory _dumps = new("leakagent-names-dumps-");

    public void Dispose() => _dumps.Dispose();

    [Fact]
    public async Task EveryMetricInDashboardsRulesAndRuleTests_WasExportedInARealRun_OrIsADocumentedRuntimeName()
    {
        var check = MetricNameCheck.FromRepository();
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var tasks = InstrumentedProcess.Start(Paths.SampleDll("SeedFireAndForget"), ["--rate", "500", "--duration", "150"], TaskLeakSettings(receiver));
        using var statics = InstrumentedProcess.Start(Paths.SampleDll("SeedCachedValidator"), ["--urls", "http://127.0.0.1:0", "--drive", "100"], StaticLeakSettings(receiver));
        using var services = InstrumentedProcess.Start(Paths.SampleDll("Storefront"), ["--urls", "http://127.0.0.1:0", "--drive", "20", "--mode", "leaky"], ServiceLeakSettings(receiver));

        var deadline = DateTime.UtcNow + s_deadline;
        var result = check.CheckAgainst(ExportedMetrics.Nameable(ExportedMetrics.From(receiver.Metrics)));
        while (!result.Passed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            result = check.CheckAgainst(ExportedMetrics.Nameable(ExportedMetrics.From(receiver.Metrics)));
        }

        var exported = ExportedMetrics.From(receiver.Metrics);
        var diagnostics = $"\nexported: {string.Join(", ", exported.Order())}" +
            $"\nSeedFireAndForget stderr:\n{tasks.StandardError}\nSeedCachedValidator stderr:\n{statics.StandardError}\nStorefront stderr:\n{services.StandardError}";
        tasks.Kill();
        statics.Kill();
        services.Kill();

        Assert.True(result.Passed, result.Describe() + diagnostics);

        // The run really covered the agent: every LeakAgent instrument arrived, each in a kind we can name, and the
        // dashboards read every one of them (none is exported for nobody).
        var agent = ExportedMetrics.From(receiver.Metrics, scope: "LeakAgent");
        Assert.DoesNotContain(agent, m => m.Kind == ExportedMetrics.UndecodedKind);
        Assert.Equal(MetricNameCheck.ContractMetrics().Order(), agent.Order());
        var unread = agent.Where(m => !new MetricDefinition(m.Name, m.Unit, m.Kind).PrometheusNames.Any(result.UsedMetrics.Contains)).ToList();
        Assert.True(unread.Count == 0, "exported but read by no dashboard or rule: " + string.Join(", ", unread));

        // The names came from the wire, not from a list: the counter's kind and the histogram's series prove the
        // suffix rules were applied to what arrived.
        Assert.Contains(("leakagent.tasks.unobserved_exceptions", "{exception}", "counter"), agent);
        Assert.Contains("leakagent_tasks_unobserved_exceptions_total", result.UsedMetrics);
        Assert.Contains(("leakagent.gcdump.duration", "s", "histogram"), agent);
        Assert.Contains("leakagent_gcdump_duration_seconds_bucket", result.UsedMetrics);

        // The check can fail on these same received names: a query for a name nobody exported is reported where it
        // is, and so is every use of a metric the run is missing.
        var dashboard = Path.Combine(Paths.Root, "dashboards", "grafana", "dashboards", "leakagent-leak-hunting.json");
        var doctored = DashboardFile.Parse("doctored.json", File.ReadAllText(dashboard)
            .Replace("leakagent_heap_live_size_bytes{", "leakagent_heap_live_bytes{", StringComparison.Ordinal));
        var unknownName = new MetricNameCheck(doctored.Queries(), MetricNameCheck.RuntimeMetrics(), []).CheckAgainst(ExportedMetrics.Nameable(exported));
        Assert.Equal(["leakagent_heap_live_bytes"], unknownName.Unknown.Select(u => u.Metric).Distinct());

        var withoutDuration = ExportedMetrics.Nameable(exported).Where(m => m.Name != "leakagent.gcdump.duration").ToHashSet();
        var missing = check.CheckAgainst(withoutDuration);
        Assert.False(missing.Passed);
        Assert.All(missing.Unknown, u => Assert.StartsWith("leakagent_gcdump_duration_seconds_", u.Metric, StringComparison.Ordinal));
    }

    /// <summary>Test-sized windows (as in Dumps/AutomaticDumpTests) so the heap trend trips and a dump is written.</summary>
    private Dictionary<string, string?> TaskLeakSettings(OtlpTestReceiver receiver)
    {
        var settings = TestAgentSettings.ShortWindows(receiver);
        settings["OTEL_SERVICE_NAME"] = "names-task-leak";
        settings["LEAKAGENT_DUMP_DIR"] = _dumps.Path;

        // An upload to a loopback port nothing listens on, tried once: its dump exports leakagent.gcdump.upload (failed)
        // without a storage server.
        settings["LEAKAGENT_DUMP_UPLOAD"] = "s3://names-test/dumps";
        settings["LEAKAGENT_DUMP_UPLOAD_ATTEMPTS"] = "1";
        settings["AWS_ACCESS_KEY_ID"] = "names-test";
        settings["AWS_SECRET_ACCESS_KEY"] = "names-test";
        settings["AWS_REGION"] = "us-east-1";
        settings["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{Storage.StorageServers.FreePort()}";
        return settings;
    }

    private static Dictionary<string, string?> StaticLeakSettings(OtlpTestReceiver receiver)
    {
        var settings = TestAgentSettings.ExportTo(receiver);
        settings["OTEL_SERVICE_NAME"] = "names-static-leak";
        settings["LEAKAGENT_STATICS_INTERVAL"] = "300ms";

        // Only the task-leak app is meant to take a snapshot; one at a time keeps the run light.
        settings["LEAKAGENT_DUMP"] = "off";
        return settings;
    }

    /// <summary>The Storefront sample's growing singleton list and memory cache: <c>services.size</c>, <c>services.growth_rate</c>.</summary>
    private static Dictionary<string, string?> ServiceLeakSettings(OtlpTestReceiver receiver)
    {
        var settings = StaticLeakSettings(receiver);
        settings["OTEL_SERVICE_NAME"] = "names-service-leak";
        return settings;
    }
}
