using System.Text;

namespace LeakAgent.Cli.Output;

/// <summary>Prints the agent's environment for a shell, a Dockerfile, or a Kubernetes pod spec.</summary>
internal static class EnvWriter
{
    /// <summary>Where images keep the agent layout.</summary>
    public const string ImageAgentPath = "/opt/leakagent";

    /// <summary>Where the pod's shared volume is mounted.</summary>
    public const string PodAgentPath = "/leakagent";

    /// <summary>A placeholder image for the init-container; users pass their own with <c>--image</c>.</summary>
    public const string DefaultImage = "leakagent:latest";

    private const string HookFileName = Launch.AgentLayout.HookFileName;

    /// <summary><c>export NAME='value'</c> lines.</summary>
    public static void WriteShell(TextWriter output, string layoutDirectory, IEnumerable<KeyValuePair<string, string>> settings)
    {
        output.WriteLine($"export DOTNET_STARTUP_HOOKS={ShellQuote(Path.Combine(layoutDirectory, HookFileName))}");
        foreach (var (key, value) in settings)
        {
            output.WriteLine($"export {key}={ShellQuote(value)}");
        }
    }

    /// <summary>A COPY of the layout and ENV lines.</summary>
    public static void WriteDockerfile(TextWriter output, string agentPath, IEnumerable<KeyValuePair<string, string>> settings)
    {
        output.WriteLine("# The agent layout (./build.sh writes it to artifacts/leakagent) copied into the image:");
        output.WriteLine($"COPY artifacts/leakagent/ {agentPath}/");
        output.WriteLine($"ENV DOTNET_STARTUP_HOOKS={DockerQuote(Unix(agentPath, HookFileName))}");
        foreach (var (key, value) in settings)
        {
            output.WriteLine($"ENV {key}={DockerQuote(value)}");
        }
    }

    /// <summary>An emptyDir volume, an init-container that copies the agent into it, and the app container's env and mount.</summary>
    public static void WriteKubernetes(TextWriter output, string agentPath, string image, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Merge into the pod template's spec (spec.template.spec of a Deployment).");
        yaml.AppendLine("volumes:");
        yaml.AppendLine("  - name: leakagent");
        yaml.AppendLine("    emptyDir: {}");
        yaml.AppendLine("initContainers:");
        yaml.AppendLine("  - name: leakagent-init");
        yaml.AppendLine($"    image: {YamlQuote(image)}");
        yaml.AppendLine($"    command: [\"sh\", \"-c\", {YamlQuote($"cp -R {ImageAgentPath}/. {agentPath}/")}]");
        yaml.AppendLine("    volumeMounts:");
        yaml.AppendLine("      - name: leakagent");
        yaml.AppendLine($"        mountPath: {YamlQuote(agentPath)}");
        yaml.AppendLine("containers:");
        yaml.AppendLine("  - name: app  # your application container: add these two blocks to it");
        yaml.AppendLine("    volumeMounts:");
        yaml.AppendLine("      - name: leakagent");
        yaml.AppendLine($"        mountPath: {YamlQuote(agentPath)}");
        yaml.AppendLine("        readOnly: true");
        yaml.AppendLine("    env:");
        yaml.AppendLine("      - name: DOTNET_STARTUP_HOOKS");
        yaml.AppendLine($"        value: {YamlQuote(Unix(agentPath, HookFileName))}");
        foreach (var (key, value) in settings)
        {
            yaml.AppendLine($"      - name: {key}");
            yaml.AppendLine($"        value: {YamlQuote(value)}");
        }

        output.Write(yaml.ToString().ReplaceLineEndings("\n"));
    }

    // Paths inside a Linux image use '/', whatever OS prints them.
    private static string Unix(string directory, string file) => directory.TrimEnd('/') + "/" + file;

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string DockerQuote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string YamlQuote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
