using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Watch;

public class WatchCommandTests
{
    public static TheoryData<string[], int, string> UsageCases => new()
    {
        { ["watch"], ExitCodes.UsageError, "say what to watch: --pid PID, --name NAME or --all" },
        { ["watch", "--all", "--pid", "12"], ExitCodes.UsageError, "exclude each other" },
        { ["watch", "--pid", "0"], ExitCodes.UsageError, "--pid must be at least 1" },
        { ["watch", "--all", "--window", "soon"], ExitCodes.UsageError, "--window: 'soon' is not a duration" },
        { ["watch", "--all", "--threshold", "fast"], ExitCodes.UsageError, "--threshold: 'fast' is not a rate" },
        { ["watch", "--all", "--listen", "127.0.0.1:9095"], ExitCodes.UsageError, "--listen needs a bearer token" },
        { ["watch", "--all", "--token-file", "/nonexistent/leakagent-token"], ExitCodes.FileError, "cannot read the token file" },
    };

    [Theory]
    [MemberData(nameof(UsageCases))]
    public async Task BadCommandLine_OneErrorLine_DocumentedExitCode(string[] args, int exitCode, string fragment)
    {
        var result = await LeakAgentCli.RunInProcessAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("[ERROR] ", line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
    }
}
