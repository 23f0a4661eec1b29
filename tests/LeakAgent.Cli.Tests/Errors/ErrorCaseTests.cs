using System.Diagnostics;
using System.Globalization;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Errors;

public class ErrorCaseTests
{
    public static TheoryData<string, string[], int, string> InProcessCases => new()
    {
        { "missing file", ["report", BadInputFiles.Missing], ExitCodes.FileError, "no such file" },
        { "folder without dumps", ["report", BadInputFiles.EmptyFolder], ExitCodes.FileError, "no .gcdump file in the folder" },
        { "truncated dump", ["report", BadInputFiles.Truncated], ExitCodes.InvalidDump, "truncated" },
        { "not a gcdump", ["report", BadInputFiles.NotAGcDump], ExitCodes.InvalidDump, "Not a gcdump" },
        { "empty file", ["report", BadInputFiles.Empty], ExitCodes.InvalidDump, "truncated" },
        { "endless device", ["report", "/dev/zero"], ExitCodes.InvalidDump, "Not a gcdump" },
        { "buffer size zero", ["collect", "-p", "1", "--buffer-size", "0"], ExitCodes.UsageError, "--buffer-size must be between 1 and 4096" },
        { "buffer size too big", ["collect", "-p", "1", "--buffer-size", "5000"], ExitCodes.UsageError, "--buffer-size must be between 1 and 4096" },
        { "newer format version", ["report", BadInputFiles.NewerVersion], ExitCodes.UnsupportedDump, "Unsupported gcdump version" },
        { "suspects truncated", ["suspects", BadInputFiles.Truncated], ExitCodes.InvalidDump, "truncated" },
        { "suspects missing baseline", ["suspects", TestPaths.SeedsGcDump, "--baseline", BadInputFiles.Missing], ExitCodes.FileError, "no such file" },
        { "diff with a bad second dump", ["diff", TestPaths.SeedsGcDump, BadInputFiles.NotAGcDump], ExitCodes.InvalidDump, "notes.txt" },
        { "pid that does not exist", ["collect", "-p", "99999999"], ExitCodes.ProcessNotDiagnosable, "no process with id 99999999" },
        { "output folder missing", ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(BadInputFiles.Missing, "x.gcdump")], ExitCodes.FileError, "does not exist" },
        { "unknown option", ["report", "--bogus", TestPaths.SeedsGcDump], ExitCodes.UsageError, "'--bogus'" },
        { "unknown option after file", ["report", TestPaths.SeedsGcDump, "--bogus"], ExitCodes.UsageError, "'--bogus'" },
        { "unknown command", ["frobnicate"], ExitCodes.UsageError, "'frobnicate'" },
        { "no command", [], ExitCodes.UsageError, "Required command" },
        { "missing argument", ["report"], ExitCodes.UsageError, "Required argument missing" },
        { "diff missing second argument", ["diff", TestPaths.SeedsGcDump], ExitCodes.UsageError, "Required argument missing" },
        { "missing required option", ["collect"], ExitCodes.UsageError, "'--process-id' is required" },
        { "pid not a number", ["collect", "-p", "abc"], ExitCodes.UsageError, "abc" },
        { "top zero", ["report", TestPaths.SeedsGcDump, "--top", "0"], ExitCodes.UsageError, "--top must be at least 1" },
        { "unknown format", ["report", TestPaths.SeedsGcDump, "--format", "xml"], ExitCodes.UsageError, "'xml'" },
        { "csv not offered by suspects", ["suspects", TestPaths.SeedsGcDump, "--format", "csv"], ExitCodes.UsageError, "'csv'" },
        { "run without command", ["run"], ExitCodes.UsageError, "Required argument missing" },
        { "run with a bad --set", ["run", "--set", "NOEQUALS", "--", "true"], ExitCodes.UsageError, "KEY=VALUE" },
        { "run with a wrong --agent-dir", ["run", "--agent-dir", BadInputFiles.Missing, "--", "true"], ExitCodes.AgentNotFound, "agent not found" },
        { "env sh with a wrong --agent-path", ["env", "--agent-path", BadInputFiles.Missing], ExitCodes.AgentNotFound, "agent not found" },
    };

    [Theory]
    [MemberData(nameof(InProcessCases))]
    public async Task Command_AnticipatedError_OneErrorLineDocumentedCodeNoStackTrace(string name, string[] args, int exitCode, string fragment)
    {
        var result = await LeakAgentCli.RunInProcessAsync(args);
        AssertCleanError(result, exitCode, fragment, name);
    }

    [Fact]
    public async Task Collect_ProcessThatIsNotDotNet_ExitsNotDiagnosable()
    {
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var result = await LeakAgentCli.RunInProcessAsync("collect", "-p", sleeper.Id.ToString(CultureInfo.InvariantCulture));
            AssertCleanError(result, ExitCodes.ProcessNotDiagnosable, "publishes no .NET diagnostics endpoint", "not .NET");
        }
        finally
        {
            sleeper.Kill();
        }
    }

    public static TheoryData<string, string[], int, string> ProcessCases => new()
    {
        { "missing file", ["report", BadInputFiles.Missing], ExitCodes.FileError, "no such file" },
        { "newer format version", ["report", BadInputFiles.NewerVersion], ExitCodes.UnsupportedDump, "Unsupported gcdump version" },
        { "unknown option", ["diff", "--nope"], ExitCodes.UsageError, "'--nope'" },
        { "agent not found beside the CLI", ["run", "--", "dotnet", "--version"], ExitCodes.AgentNotFound, "LEAKAGENT_HOME" },
        { "command not found", ["run", "--agent-dir", TestPaths.AgentLayout, "--", "no-such-command-xyz"], ExitCodes.CommandNotFound, "command not found" },
    };

    [Theory]
    [MemberData(nameof(ProcessCases))]
    public async Task Process_AnticipatedError_OneErrorLineDocumentedCodeNoStackTrace(string name, string[] args, int exitCode, string fragment)
    {
        var result = await LeakAgentCli.RunProcessAsync(args);
        AssertCleanError(result, exitCode, fragment, name);
    }

    private static void AssertCleanError(CliResult result, int exitCode, string fragment, string name)
    {
        Assert.True(result.ExitCode == exitCode, $"{name}: {result}");
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, $"{name}: {result}");

        // Nothing else on stderr: the one line is the whole story.
        Assert.Equal(line, result.Error.Trim());
    }
}
