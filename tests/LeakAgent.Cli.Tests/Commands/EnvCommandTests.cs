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
            "COPY artifacts/leakagent/ /opt/leakagent/",
            "ENV DOTNET_STARTUP_HOOKS=\"/opt/leakagent/LeakAgent.StartupHook.dll\"",
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
        Assert.Contains("initContainers:\n  - name: leakagent-init\n    image: \"registry.example/leakagent:1.0\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("cp -R /opt/leakagent/. /leakagent/", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: DOTNET_STARTUP_HOOKS\n        value: \"/leakagent/LeakAgent.StartupHook.dll\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: OTEL_EXPORTER_OTLP_ENDPOINT\n        value: \"http://collector:4317\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    emptyDir: {}\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_Sh_QuotesValuesAndPointsAtTheLayout()
    {
        var result = await LeakAgentCli.RunInProcessAsync("env", "--agent-path", TestPaths.AgentLayout, "--service-name", "it's");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"export DOTNET_STARTUP_HOOKS='{Path.Combine(TestPaths.AgentLayout, "LeakAgent.StartupHook.dll")}'\nexport OTEL_SERVICE_NAME='it'\\''s'\n",
            result.Output.ReplaceLineEndings("\n"));
    }
}
