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

    /// <summary>One key of <c>OTEL_RESOURCE_ATTRIBUTES</c> (<c>k1=v1,k2=v2</c>, values percent-encoded).</summary>
    private static string? ResourceAttribute(IReadOnlyDictionary<string, string> environment, string key)
    {
        if (!environment.TryGetValue("OTEL_RESOURCE_ATTRIBUTES", out var attributes))
        {
            return null;
        }

        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() == key)
            {
                var value = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
