using System.ComponentModel;
using System.Diagnostics;
using LeakAgent.Cli.Errors;

namespace LeakAgent.Cli.Launch;

/// <summary>Runs a command with extra environment variables, sharing our stdin/stdout/stderr, and returns its exit code.</summary>
internal static class ChildProcessRunner
{
    // errno / Win32 codes Process.Start reports for a missing or non-executable file.
    private const int NotFound = 2;
    private const int PermissionDenied = 13;
    private const int AccessDenied = 5;
    private const int BadExecutable = 193;

    /// <summary>Starts <paramref name="command"/> and waits for it, forwarding signals meanwhile.</summary>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="environment">Variables to set (replacing inherited values).</param>
    /// <returns>The child's exit code (128 + signal number when a signal ended it on Unix).</returns>
    /// <exception cref="CliException">The command cannot be started (exit code 127 or 126).</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> command, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var startInfo = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new CliException($"cannot start '{command[0]}'", ExitCodes.CommandNotExecutable);
        }
        catch (Win32Exception exception)
        {
            int code = exception.NativeErrorCode == NotFound ? ExitCodes.CommandNotFound : ExitCodes.CommandNotExecutable;
            string reason = exception.NativeErrorCode switch
            {
                NotFound => "command not found",
                PermissionDenied or AccessDenied => "permission denied",
                BadExecutable => "not an executable",
                _ => exception.Message,
            };
            throw new CliException($"cannot start '{command[0]}': {reason}", code, exception);
        }

        using (process)
        using (SignalForwarding.Start(process))
        {
            // No cancellation: whatever signal arrives, the child decides when it ends and we report how.
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode;
        }
    }
}
