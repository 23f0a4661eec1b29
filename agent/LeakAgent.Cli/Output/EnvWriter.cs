using System.Text;

namespace LeakAgent.Cli.Output;

/// <summary>Prints the agent's environment for a shell, a Dockerfile, or a Kubernetes pod spec.</summary>
internal static class EnvWriter
{
    /// <summary>Where images keep the agent layout (the README's Dockerfile: <c>COPY artifacts/leakagent/ /leakagent/</c>).</summary>
    public const string ImageAgentPath = "/leakagent";

    /// <summary>Where the pod's shared volume is mounted (the README's pod spec).</summary>
    public const string PodAgentPath = "/agent";

    /// <summary>
    /// The warning <c>sh</c> prints on stderr (not captured by <c>eval "$(leakagent env)"</c>): the exports reach every
    /// .NET process the shell starts afterwards, the SDK's own commands included.
    /// </summary>
    public const string ShellWarning =
        "# leakagent: with these exports every .NET process this shell starts loads the agent, `dotnet --version` and builds included;"
        + " for one app use `leakagent run -- <command>`, or `unset DOTNET_STARTUP_HOOKS` to stop.";

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

    /// <summary>
    /// An emptyDir volume, an init-container that copies the agent into it, and the app container's env and mounts;
    /// with <c>LEAKAGENT_DUMP_DIR</c> set, a second emptyDir mounted there, so dumps have somewhere writable to go.
    /// </summary>
    public static void WriteKubernetes(TextWriter output, string agentPath, string image, IReadOnlyCollection<KeyValuePair<string, string>> settings)
    {
        var dumpDirectory = settings.Where(s => s.Key == "LEAKAGENT_DUMP_DIR").Select(s => s.Value).LastOrDefault();
        var yaml = new StringBuilder();
        yaml.AppendLine("# Merge into the pod template's spec (spec.template.spec of a Deployment).");
        yaml.AppendLine("volumes:");
        yaml.AppendLine("  - name: leakagent");
        yaml.AppendLine("    emptyDir: {}");
        if (dumpDirectory is not null)
        {
            yaml.AppendLine("  - name: dumps  # an emptyDir goes with the pod: use a persistent volume to keep dumps");
            yaml.AppendLine("    emptyDir: {}");
        }

        yaml.AppendLine("initContainers:");
        yaml.AppendLine("  - name: leakagent");
        yaml.AppendLine($"    image: {YamlQuote(image)}  # an image holding the agent layout (artifacts/leakagent) at {ImageAgentPath}");
        yaml.AppendLine($"    command: [\"cp\", \"-r\", {YamlQuote(ImageAgentPath + "/.")}, {YamlQuote(agentPath.TrimEnd('/') + "/")}]");
        yaml.AppendLine("    volumeMounts:");
        yaml.AppendLine("      - name: leakagent");
        yaml.AppendLine($"        mountPath: {YamlQuote(agentPath)}");
        yaml.AppendLine("containers:");
        yaml.AppendLine("  - name: app  # your application container: add these blocks to it");
        yaml.AppendLine("    volumeMounts:");
        yaml.AppendLine("      - name: leakagent");
        yaml.AppendLine($"        mountPath: {YamlQuote(agentPath)}");
        yaml.AppendLine("        readOnly: true");
        if (dumpDirectory is not null)
        {
            yaml.AppendLine("      - name: dumps");
            yaml.AppendLine($"        mountPath: {YamlQuote(dumpDirectory)}");
        }

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
