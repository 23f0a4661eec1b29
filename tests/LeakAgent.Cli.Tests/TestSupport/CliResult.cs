namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>What one leakagent invocation produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The stderr lines that start with [ERROR].</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n').Where(l => l.StartsWith("[ERROR]", StringComparison.Ordinal)).ToList();

    /// <summary>Whether stderr or stdout shows a stack trace.</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Output.Contains("   at ", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
