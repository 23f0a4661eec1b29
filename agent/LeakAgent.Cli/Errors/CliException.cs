namespace LeakAgent.Cli.Errors;

/// <summary>
/// An anticipated failure: printed as one <c>[ERROR] message</c> line on stderr, and the process exits with
/// <see cref="ExitCode"/> (cf. dotnet/diagnostics' <c>DiagnosticToolException</c>). Anything else is a bug and is
/// printed whole.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates an exception with the usage-error exit code.</summary>
    public CliException()
        : this("invalid command line", ExitCodes.UsageError)
    {
    }

    /// <summary>Creates an exception with the usage-error exit code.</summary>
    /// <param name="message">What went wrong, as one line a user can act on.</param>
    public CliException(string message)
        : this(message, ExitCodes.UsageError)
    {
    }

    /// <summary>Creates an exception with the usage-error exit code and a cause.</summary>
    /// <param name="message">What went wrong, as one line a user can act on.</param>
    /// <param name="innerException">The cause.</param>
    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.UsageError;
    }

    /// <summary>Creates an exception with an exit code from <see cref="ExitCodes"/>.</summary>
    /// <param name="message">What went wrong, as one line a user can act on.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CliException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
