using YamlDotNet.RepresentationModel;

namespace LeakAgent.Dashboards.Tests.Validation;

public class CollectorAndComposeTests
{
    private static YamlMappingNode Collector => YamlFile.Load(RepoPaths.InDashboards("otel-collector/config.yaml"));

    private static YamlMappingNode Compose => YamlFile.Load(RepoPaths.InDashboards("compose.yaml"));

    [Fact]
    public void Collector_TakesOtlpOverGrpcAndHttp()
    {
        var otlp = Collector.Map("receivers").Map("otlp").Map("protocols");
        Assert.Equal("0.0.0.0:4317", otlp.Map("grpc").Scalar("endpoint"));
        Assert.Equal("0.0.0.0:4318", otlp.Map("http").Scalar("endpoint"));
    }

    [Fact]
    public void Collector_SendsMetricsToPrometheus_WithTheNamingTheChecksAssume()
    {
        var prometheus = Collector.Map("exporters").Map("prometheus");
        Assert.NotNull(prometheus);
        Assert.Equal("UnderscoreEscapingWithSuffixes", prometheus.Scalar("translation_strategy"));
        // job/instance come from service.name/service.instance.id only without resource_to_telemetry_conversion.
        Assert.Null(prometheus.Map("resource_to_telemetry_conversion"));

        var metrics = Collector.Map("service").Map("pipelines").Map("metrics");
        Assert.Equal(["otlp"], metrics.Seq("receivers").Scalars());
        Assert.Contains("prometheus", metrics.Seq("exporters").Scalars());
    }

    [Fact]
    public void Collector_SendsTracesToJaeger()
    {
        var traces = Collector.Map("service").Map("pipelines").Map("traces");
        Assert.Equal(["otlp"], traces.Seq("receivers").Scalars());
        Assert.Contains("otlp/jaeger", traces.Seq("exporters").Scalars());
        Assert.Equal("jaeger:4317", Collector.Map("exporters").Map("otlp/jaeger").Scalar("endpoint"));
    }

    [Fact]
    public void Collector_EveryComponentAPipelineNames_IsDefined()
    {
        var c = Collector;
        foreach (var pipeline in c.Map("service").Map("pipelines").Keys())
        {
            var p = c.Map("service").Map("pipelines").Map(pipeline);
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                foreach (var component in p.Seq(section).Scalars())
                {
                    Assert.True(c.Map(section).Keys().Contains(component), $"pipeline {pipeline} uses {section[..^1]} '{component}' that is not defined");
                }
            }
        }

        foreach (var extension in c.Map("service").Seq("extensions").Scalars())
        {
            Assert.Contains(extension, c.Map("extensions").Keys());
        }
    }

    [Fact]
    public void Compose_StartsTheWholeStory()
    {
        var services = Compose.Map("services").Keys();
        Assert.Contains("otel-collector", services);
        Assert.Contains("prometheus", services);
        Assert.Contains("grafana", services);
        Assert.Contains("jaeger", services);
    }

    [Fact]
    public void Compose_SamplesLoadTheAgentAndExportToTheCollector()
    {
        var services = Compose.Map("services");
        var samples = services.Keys().Where(s => services.Map(s).Map("environment").Scalar("DOTNET_STARTUP_HOOKS") is not null).ToList();

        Assert.Equal(["sample-static-leak", "sample-task-leak"], samples);
        foreach (var s in samples)
        {
            var env = services.Map(s).Map("environment");
            Assert.Equal("/leakagent/LeakAgent.StartupHook.dll", env.Scalar("DOTNET_STARTUP_HOOKS"));
            Assert.Equal("http://otel-collector:4317", env.Scalar("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal(s, env.Scalar("OTEL_SERVICE_NAME"));
            Assert.Equal("/dumps", env.Scalar("LEAKAGENT_DUMP_DIR"));
            var build = services.Map(s).Map("build");
            Assert.True(File.Exists(Path.Combine(RepoPaths.Dashboards, build.Scalar("context")!, build.Scalar("dockerfile")!)), $"{s}: Dockerfile missing");
            var project = build.Map("args").Scalar("SAMPLE_PROJECT");
            Assert.True(project is not null && File.Exists(Path.Combine(RepoPaths.Dashboards, build.Scalar("context")!, project)), $"{s}: SAMPLE_PROJECT {project} is not a project in the repository");
        }
    }

    [Fact]
    public void Compose_MountsFilesThatExist_AtThePathsTheConfigsExpect()
    {
        var services = Compose.Map("services");
        var mounts = services.Keys()
            .SelectMany(s => services.Map(s).Seq("volumes").Scalars().Select(v => (Service: s, Parts: v.Split(':'))))
            .Where(m => m.Parts[0].StartsWith("./", StringComparison.Ordinal) && m.Parts[0] != "./dumps")
            .ToList();

        Assert.NotEmpty(mounts);
        foreach (var (service, parts) in mounts)
        {
            var local = Path.Combine(RepoPaths.Dashboards, parts[0][2..]);
            Assert.True(File.Exists(local) || Directory.Exists(local), $"{service} mounts {parts[0]}, which does not exist");
        }

        // Grafana's dashboard provider reads the folder compose mounts the dashboards into.
        var providerPath = YamlFile.Load(RepoPaths.InDashboards("grafana/provisioning/dashboards/leakagent.yml"))
            .Seq("providers").Single().Map("options").Scalar("path");
        Assert.Contains(mounts, m => m.Service == "grafana" && m.Parts[0] == "./grafana/dashboards" && m.Parts[1] == providerPath);
        Assert.Contains(mounts, m => m.Service == "prometheus" && m.Parts[0] == "./prometheus" && m.Parts[1] == "/etc/prometheus");
        Assert.Contains(mounts, m => m.Service == "otel-collector" && m.Parts[0] == "./otel-collector/config.yaml");
    }

    [Fact]
    public void Prometheus_ScrapesTheCollectorsExporter_KeepingJobAndInstance()
    {
        var scrape = YamlFile.Load(RepoPaths.InDashboards("prometheus/prometheus.yml")).Seq("scrape_configs")
            .Single(s => s.Scalar("job_name") == "otel-collector");
        Assert.Equal("true", scrape.Scalar("honor_labels"));

        var exporterPort = Collector.Map("exporters").Map("prometheus").Scalar("endpoint")!.Split(':')[1];
        Assert.Equal([$"otel-collector:{exporterPort}"], scrape.Seq("static_configs").Single().Seq("targets").Scalars());
        Assert.Contains("otel-collector", Compose.Map("services").Keys());
    }

    [Fact]
    public void Grafana_ProvisionsPrometheusAndJaeger_AtTheirComposeHosts()
    {
        var sources = YamlFile.Load(RepoPaths.InDashboards("grafana/provisioning/datasources/datasources.yml")).Seq("datasources");
        Assert.Equal("http://prometheus:9090", sources.Single(s => s.Scalar("type") == "prometheus").Scalar("url"));
        Assert.Equal("http://jaeger:16686", sources.Single(s => s.Scalar("type") == "jaeger").Scalar("url"));
    }

    [Fact]
    public void EveryAlert_HasASummaryAndARunbookThatExists()
    {
        var readme = File.ReadAllText(RepoPaths.InDashboards("README.md"));
        var alerts = RuleFile.LoadAll().SelectMany(f => f.Rules).Where(r => r.Alert is not null).ToList();

        Assert.Equal(["LeakAgentGcdumpFailed", "LeakAgentGcdumpUploadFailed", "LeakAgentHeapLeak", "LeakAgentUnobservedTaskExceptionsBurst"], alerts.Select(a => a.Alert!).Order(StringComparer.Ordinal));
        foreach (var a in alerts)
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Annotations.GetValueOrDefault("summary")), $"{a.Alert} has no summary");
            var runbook = a.Annotations.GetValueOrDefault("runbook_url");
            Assert.Equal($"dashboards/README.md#runbook-{a.Alert!.ToLowerInvariant()}", runbook);
            Assert.Contains($"<a id=\"runbook-{a.Alert.ToLowerInvariant()}\"></a>", readme, StringComparison.Ordinal);
        }
    }
}
