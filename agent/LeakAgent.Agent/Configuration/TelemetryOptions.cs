using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>
/// What the agent needs to decide about OpenTelemetry export. The OTLP exporter itself reads the standard
/// <c>OTEL_EXPORTER_OTLP_*</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c> and
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c> variables.
/// </summary>
internal sealed class TelemetryOptions
{
    public TelemetryOptions(SettingsReader settings)
    {
        SdkDisabled = settings.GetBool(ConfigurationKeys.SdkDisabled, false);
        MetricsEndpointConfigured = settings.GetString(ConfigurationKeys.OtlpEndpoint) is not null
            || settings.GetString(ConfigurationKeys.OtlpMetricsEndpoint) is not null;
        TracesEndpointConfigured = settings.GetString(ConfigurationKeys.OtlpEndpoint) is not null
            || settings.GetString(ConfigurationKeys.OtlpTracesEndpoint) is not null;
        Protocol = settings.GetChoice(ConfigurationKeys.OtlpProtocol, "grpc", "grpc", "http/protobuf");
        ServiceName = settings.GetString(ConfigurationKeys.ServiceName);
    }

    public bool SdkDisabled { get; }

    public bool MetricsEndpointConfigured { get; }

    public bool TracesEndpointConfigured { get; }

    /// <summary>True when any OTLP export will happen.</summary>
    public bool ExportConfigured => !SdkDisabled && (MetricsEndpointConfigured || TracesEndpointConfigured);

    /// <summary><c>grpc</c> or <c>http/protobuf</c> (validated here so a bad value gets our clear line).</summary>
    public string Protocol { get; }

    public string? ServiceName { get; }
}
