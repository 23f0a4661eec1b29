using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Infrastructure;

/// <summary>The environment a hooked test app gets: where to export, and windows sized for a test run.</summary>
public static class TestAgentSettings
{
    /// <summary>Export to <paramref name="receiver"/> over OTLP/HTTP; everything else at its default.</summary>
    public static Dictionary<string, string?> ExportTo(OtlpTestReceiver receiver) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    /// <summary>
    /// <see cref="ExportTo"/> plus windows of seconds instead of minutes for the heap and task detectors, so a seed
    /// leak trips them within a test's patience; the thresholds stay at their defaults.
    /// </summary>
    public static Dictionary<string, string?> ShortWindows(OtlpTestReceiver receiver)
    {
        var settings = ExportTo(receiver);
        settings["LEAKAGENT_HEAP_POLL_INTERVAL"] = "200ms";
        settings["LEAKAGENT_HEAP_WINDOW"] = "8s";
        settings["LEAKAGENT_TASKS_SAMPLE_EVERY"] = "2s";
        settings["LEAKAGENT_TASKS_SAMPLE_WINDOW"] = "1s";
        settings["LEAKAGENT_TASKS_PENDING_AGE"] = "1s";
        return settings;
    }
}
