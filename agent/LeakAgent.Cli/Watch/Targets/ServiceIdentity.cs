using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Cli.Watch.Targets;

/// <summary>
/// Names a process the way the in-process agent names itself (TelemetryPipeline: <c>OTEL_SERVICE_NAME</c>, else
/// the entry assembly; <c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c>, else <c>host:pid</c>), from
/// its command line and environment as read from outside. Pure: the reading is <see cref="TargetDiscovery"/>'s.
/// </summary>
internal static class ServiceIdentity
{
    /// <summary>The service name from the environment, else the app's assembly, else the process name.</summary>
    public static string ServiceName(string processName, IReadOnlyList<string> commandLine, IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("OTEL_SERVICE_NAME", out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        if (ResourceAttribute(environment, "service.name") is { } fromResource)
        {
            return fromResource;
        }

        // "dotnet [host options] app.dll args": the app is the first .dll argument; an apphost is its own name.
        var app = commandLine.Skip(1).FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        return app is not null ? Path.GetFileNameWithoutExtension(app) : processName;
    }

    /// <summary><c>service.instance.id</c> from the environment, else the agent's default <c>host:pid</c>.</summary>
    public static string InstanceId(int processId, IReadOnlyDictionary<string, string> environment) =>
        ResourceAttribute(environment, "service.instance.id") ?? $"{Environment.MachineName}:{processId}";

    private static string? ResourceAttribute(IReadOnlyDictionary<string, string> environment, string key) =>
        ResourceAttributes.Get(environment.GetValueOrDefault(ResourceAttributes.Variable), key);
}
