using System.Diagnostics;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>Runs leakagent in-process (the command handlers, fast) or as a real process (stdio, exit code, signals).</summary>
internal static class LeakAgentCli
{
    /// <summary>Runs the command line in this process with captured writers.</summary>
    public static async Task<CliResult> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CliApplication.RunAsync(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts <c>dotnet leakagent.dll args</c> with redirected stdio.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(TestPaths.Cli);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // The test host may run under a hook or a home of its own: the tests decide.
        startInfo.Environment.Remove("DOTNET_STARTUP_HOOKS");
        startInfo.Environment.Remove("LEAKAGENT_HOME");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[key] = value;
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs leakagent as a process to completion (at most <paramref name="timeout"/>).</summary>
    public static async Task<CliResult> RunProcessAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
