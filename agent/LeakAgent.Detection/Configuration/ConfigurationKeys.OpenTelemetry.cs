namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary>Standard: the OTLP endpoint for all signals. When neither it nor a per-signal endpoint is set,
    /// the agent does not export and prints its human summary instead.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Standard: the OTLP endpoint for metrics only.</summary>
    public const string OtlpMetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    /// <summary>Standard: the OTLP endpoint for traces only.</summary>
    public const string OtlpTracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>Standard: <c>grpc</c> or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Standard: the service name resource attribute.</summary>
    public const string ServiceName = "OTEL_SERVICE_NAME";

    /// <summary>Standard: extra resource attributes.</summary>
    public const string ResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>Standard: the metric export interval in milliseconds.</summary>
    public const string MetricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary>Standard: <c>true</c> turns the OpenTelemetry SDK off (the agent's detectors still run).</summary>
    public const string SdkDisabled = "OTEL_SDK_DISABLED";
}
