using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Commands;

public class EnvCommandTests
{
    [Fact]
    public async Task Env_Dockerfile_PrintsCopyAndEnvLines()
    {
        var result = await LeakAgentCli.RunInProcessAsync("env", "--format", "dockerfile", "--dump-dir", "/dumps", "--set", "LEAKAGENT_DUMP_COOLDOWN=30m");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(
        [
            "COPY artifacts/leakagent/ /leakagent/",
            "ENV DOTNET_STARTUP_HOOKS=\"/leakagent/LeakAgent.StartupHook.dll\"",
            "ENV LEAKAGENT_DUMP_DIR=\"/dumps\"",
            "ENV LEAKAGENT_DUMP_COOLDOWN=\"30m\"",
        ], lines);
    }

    [Fact]
    public async Task Env_K8s_HasInitContainerSharedVolumeAndEnvBlock()
    {
        var result = await LeakAgentCli.RunInProcessAsync("env", "-f", "k8s", "--image", "registry.example/leakagent:1.0", "--otlp-endpoint", "http://collector:4317");
        Assert.Equal(0, result.ExitCode);
        string yaml = result.Output;
        Assert.Contains("initContainers:\n  - name: leakagent\n    image: \"registry.example/leakagent:1.0\"", yaml, StringComparison.Ordinal);
        Assert.Contains("    command: [\"cp\", \"-r\", \"/leakagent/.\", \"/agent/\"]\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: DOTNET_STARTUP_HOOKS\n        value: \"/agent/LeakAgent.StartupHook.dll\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: OTEL_EXPORTER_OTLP_ENDPOINT\n        value: \"http://collector:4317\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    emptyDir: {}\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("name: dumps", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_K8sWithDumpDir_MountsAWritableVolumeThere_AsTheReadmePodSpecDoes()
    {
        var result = await LeakAgentCli.RunInProcessAsync("env", "--format", "k8s", "--dump-dir", "/dumps");
        Assert.Equal(0, result.ExitCode);
        string yaml = result.Output;
        Assert.Contains("volumes:\n  - name: leakagent\n    emptyDir: {}\n  - name: dumps", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: dumps\n        mountPath: \"/dumps\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: LEAKAGENT_DUMP_DIR\n        value: \"/dumps\"\n", yaml, StringComparison.Ordinal);

        // The README's pod spec uses the same names and paths: the two must not drift apart again.
        var readme = await File.ReadAllTextAsync(Path.Combine(TestPaths.Root, "README.md"));
        Assert.Contains("command: [\"cp\", \"-r\", \"/leakagent/.\", \"/agent/\"]", readme, StringComparison.Ordinal);
        Assert.Contains("COPY artifacts/leakagent/ /leakagent/", readme, StringComparison.Ordinal);
        Assert.Contains("value: /agent/LeakAgent.StartupHook.dll", readme, StringComparison.Ordinal);
        Assert.Contains("{ name: dumps, mountPath: /dumps }", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_Sh_QuotesValuesAndPointsAtTheLayout()
    {
        var result = await LeakAgentCli.RunInProcessAsync("env", "--agent-path", TestPaths.AgentLayout, "--service-name", "it's");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"export DOTNET_STARTUP_HOOKS='{Path.Combine(TestPaths.AgentLayout, "LeakAgent.StartupHook.dll")}'\nexport OTEL_SERVICE_NAME='it'\\''s'\n",
            result.Output.ReplaceLineEndings("\n"));

        // On stderr, so that eval "$(leakagent env)" still warns: the hook reaches every .NET process of the shell.
        Assert.Contains("every .NET process this shell starts loads the agent, `dotnet --version` and builds included", result.Error, StringComparison.Ordinal);
        Assert.Contains("leakagent run --", result.Error, StringComparison.Ordinal);
    }
}
