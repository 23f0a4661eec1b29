using System.Reflection;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Telemetry;

/// <summary>
/// The OpenTelemetry SDK inside the agent: meter <c>LeakAgent</c> and the runtime metrics
/// (<see cref="RuntimeMetricsFallback"/> says which), ActivitySource
/// <c>LeakAgent</c>, exported over OTLP. The exporter honours the standard <c>OTEL_EXPORTER_OTLP_*</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> variables.
/// Built only when an endpoint is configured: without one, the human summary replaces retries against a
/// collector that is not there.
/// </summary>
internal sealed class TelemetryPipeline : IDisposable
{
    /// <summary>How long the final flush at process exit may delay the app's exit.</summary>
    private const int ShutdownBudgetMilliseconds = 1000;

    private readonly MeterProvider? _meterProvider;
    private readonly TracerProvider? _tracerProvider;
    private readonly ExportProblemListener? _problems;

    private TelemetryPipeline(MeterProvider? meterProvider, TracerProvider? tracerProvider, ExportProblemListener? problems)
    {
        _meterProvider = meterProvider;
        _tracerProvider = tracerProvider;
        _problems = problems;
    }

    public static TelemetryPipeline Start(TelemetryOptions options)
    {
        if (!options.ExportConfigured)
        {
            return new TelemetryPipeline(null, null, null);
        }

        var problems = new ExportProblemListener();

        MeterProvider? meters = null;
        if (options.MetricsEndpointConfigured)
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(CreateResource())
                .AddMeter(AgentTelemetry.SourceName);
            meters = RuntimeMetricsFallback.AddRuntimeMetrics(builder)
                .AddOtlpExporter()
                .Build();
        }

        TracerProvider? traces = null;
        if (options.TracesEndpointConfigured)
        {
            traces = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(CreateResource())
                .AddSource(AgentTelemetry.SourceName)
                .AddOtlpExporter()
                .Build();
        }

        return new TelemetryPipeline(meters, traces, problems);
    }

    /// <summary>The resource: a readable default service name and instance, overridden by the OTEL_* variables.</summary>
    internal static ResourceBuilder CreateResource()
    {
        return ResourceBuilder.CreateEmpty()
            .AddService(DefaultServiceName(), serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}")
            .AddTelemetrySdk()
            .AddAttributes([new("process.pid", (long)Environment.ProcessId), new("process.runtime.version", Environment.Version.ToString())])
            .AddEnvironmentVariableDetector();
    }

    /// <summary>OTEL_SERVICE_NAME if set, else the app's entry assembly name.</summary>
    internal static string DefaultServiceName()
    {
        var configured = Environment.GetEnvironmentVariable(ConfigurationKeys.ServiceName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        return Assembly.GetEntryAssembly()?.GetName().Name ?? AppDomain.CurrentDomain.FriendlyName;
    }

    /// <summary>Flushes what is buffered, within a small budget, so short-lived apps still report.</summary>
    public void Dispose()
    {
        Guard.Run("telemetry shutdown", () =>
        {
            _meterProvider?.Shutdown(ShutdownBudgetMilliseconds);
            _tracerProvider?.Shutdown(ShutdownBudgetMilliseconds);
            _meterProvider?.Dispose();
            _tracerProvider?.Dispose();
            _problems?.Dispose();
        });
    }
}
