namespace LeakAgent.Cli.Errors;

/// <summary>
/// The exit codes of <c>leakagent</c>, one per kind of anticipated failure (documented in docs/cli.md).
/// <c>run</c> returns its child's exit code instead once the child has started.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug): the whole exception is printed.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or malformed argument.</summary>
    public const int UsageError = 2;

    /// <summary>A file or folder is missing, unreadable, or cannot be written.</summary>
    public const int FileError = 3;

    /// <summary>The input is not a valid gcdump: not one at all, truncated, or corrupt.</summary>
    public const int InvalidDump = 4;

    /// <summary>The gcdump is of a format version (or holds content) this reader does not support.</summary>
    public const int UnsupportedDump = 5;

    /// <summary>The process does not exist, is not .NET, or its diagnostics endpoint cannot be reached.</summary>
    public const int ProcessNotDiagnosable = 6;

    /// <summary>A heap snapshot was started but did not complete (timeout, lost events, the process exited).</summary>
    public const int SnapshotFailed = 7;

    /// <summary>The agent layout (startup hook and agent folder) was not found.</summary>
    public const int AgentNotFound = 8;

    /// <summary><c>watch</c>: the alert webhook cannot listen on its address (in use, not permitted).</summary>
    public const int ListenFailed = 9;

    /// <summary>Not enough memory for the input (a dump or heap too big for this machine or container).</summary>
    public const int OutOfMemory = 10;

    /// <summary>A dump given as an object-storage URL cannot be fetched: no such object or bucket, refused or missing
    /// credentials, the store unreachable.</summary>
    public const int StorageError = 11;

    /// <summary><c>run</c>: the command exists but could not be started (shell convention).</summary>
    public const int CommandNotExecutable = 126;

    /// <summary><c>run</c>: the command was not found (shell convention).</summary>
    public const int CommandNotFound = 127;

    /// <summary>Interrupted by Ctrl-C or SIGTERM before finishing (128 + SIGINT, shell convention).</summary>
    public const int Interrupted = 130;
}
