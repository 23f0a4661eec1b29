using System.Runtime.InteropServices;

namespace LeakAgent.Cli.Launch;

/// <summary>The few libc calls signal forwarding needs; .NET can receive signals but only send SIGKILL.</summary>
internal static partial class UnixSignals
{
    /// <summary>SIGHUP: the same number on Linux and macOS.</summary>
    public const int SigHup = 1;

    /// <summary>SIGINT.</summary>
    public const int SigInt = 2;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false if it failed (e.g. it already exited).</summary>
    public static bool Send(int processId, int signal) => !OperatingSystem.IsWindows() && Kill(processId, signal) == 0;

    /// <summary>
    /// Whether this process is in the foreground process group of the terminal on stdin: then the terminal sent a
    /// Ctrl-C to the child as well, and forwarding it would deliver it twice.
    /// </summary>
    public static bool IsTerminalForeground()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        int foreground = TcGetPgrp(0);
        return foreground > 0 && foreground == GetPgrp();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    private static partial int TcGetPgrp(int fileDescriptor);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetPgrp();
}
