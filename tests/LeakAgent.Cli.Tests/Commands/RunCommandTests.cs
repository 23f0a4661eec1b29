using System.Diagnostics;
using System.Text.RegularExpressions;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Commands;

public partial class RunCommandTests
{
    [Fact]
    public async Task Run_HelloWorld_PassesOutputAndExitCodeAndAttachesAgent()
    {
        using var dumps = new TempDirectory();

        // The agent starts on a background thread: an app that exits at once may end before its start line.
        var result = await LeakAgentCli.RunProcessAsync(
            ["run", "--agent-dir", TestPaths.AgentLayout, "--dump-dir", dumps.Path, "--", "dotnet", TestPaths.HelloWorld, "3", "--run-for", "2"]);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("Hello, World!\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Goodbye after 2s", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[leakagent\] \d{2}:\d{2}:\d{2}\.\d{3}Z agent started in pid \d+", result.Error);
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Run_AgentFromLeakAgentHome_SetsHookAndSettingsInChildEnvironment()
    {
        // `env` prints what the child sees: the child here is a shell printing its environment.
        var result = await LeakAgentCli.RunProcessAsync(
            ["run", "--service-name", "shop", "--set", "LEAKAGENT_DUMP_COOLDOWN=30m", "--", "sh", "-c", "echo \"$DOTNET_STARTUP_HOOKS|$OTEL_SERVICE_NAME|$LEAKAGENT_DUMP_COOLDOWN\"; exit 7"],
            new Dictionary<string, string?> { ["LEAKAGENT_HOME"] = TestPaths.AgentLayout });

        Assert.Equal(7, result.ExitCode);
        Assert.Equal($"{Path.Combine(TestPaths.AgentLayout, "LeakAgent.StartupHook.dll")}|shop|30m", result.Output.Trim());
    }

    [Fact]
    public async Task Run_Sigterm_IsForwardedToTheChildWhichEnds()
    {
        using var cli = LeakAgentCli.Start(["run", "--agent-dir", TestPaths.AgentLayout, "--", "dotnet", TestPaths.HelloWorld, "--run-for", "60"]);
        var clock = Stopwatch.StartNew();
        int childId = await ReadChildIdAsync(cli);

        using (var kill = Process.Start("kill", ["-TERM", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await cli.WaitForExitAsync(timeout.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), "the child ran on after SIGTERM");

        // The child ended by the signal: 128 + 15 passes through as the CLI's exit code, and the child is gone.
        Assert.Equal(143, cli.ExitCode);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(childId));
    }

    private static async Task<int> ReadChildIdAsync(Process cli)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await cli.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = AgentStarted().Match(line);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("the child never reported the agent's start");
    }

    [GeneratedRegex(@"\[leakagent\] \S+ agent started in pid (\d+)")]
    private static partial Regex AgentStarted();
}
