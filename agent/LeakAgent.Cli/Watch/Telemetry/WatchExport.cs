using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LeakAgent.Cli.Watch.Telemetry;

/// <summary>
/// OTLP export of the watch's <c>LeakAgent</c> meter, when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// or <c>..._METRICS_ENDPOINT</c>) and <c>OTEL_SDK_DISABLED</c> is not true. The exporter reads the standard
/// <c>OTEL_*</c> variables itself; the service is <c>leakagent-watch</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.
/// </summary>
internal static class WatchExport
{
    public const string DefaultServiceName = "leakagent-watch";

    /// <summary>The provider (dispose to flush), or null when nothing is to be exported.</summary>
    public static MeterProvider? Start(SettingsReader settings)
    {
        var endpoint = settings.GetString(ConfigurationKeys.OtlpEndpoint) ?? settings.GetString(ConfigurationKeys.OtlpMetricsEndpoint);
        if (endpoint is null || settings.GetBool(ConfigurationKeys.SdkDisabled, false))
        {
            return null;
        }

        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty()
                .AddService(settings.GetString(ConfigurationKeys.ServiceName) ?? DefaultServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}")
                .AddTelemetrySdk()
                .AddEnvironmentVariableDetector())
            .AddMeter(MetricNames.MeterName)
            .AddOtlpExporter()
            .Build();
    }
}
