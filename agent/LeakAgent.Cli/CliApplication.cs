using System.CommandLine;
using LeakAgent.Cli.Commands;
using LeakAgent.Cli.Errors;

namespace LeakAgent.Cli;

/// <summary>
/// Parses and runs one <c>leakagent</c> invocation, and owns the error contract: anticipated failures become one
/// <c>[ERROR]</c> line and an <see cref="ExitCodes"/> value, parse errors included; anything else is printed whole.
/// </summary>
internal static class CliApplication
{
    /// <summary>Runs the command line with the given writers (tests pass string writers).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="error">Where errors and progress go (stderr).</param>
    /// <param name="cancellationToken">Cancels a long command (collect) as Ctrl-C would.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = CommandCatalog.CreateRoot();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine would print every error in red followed by the whole help text, and exit 1:
            // one line with a pointer to the help is easier to read and to grep, and 2 is the usage-error code.
            string command = string.Join(' ', parseResult.CommandResult.Command is RootCommand ? ["leakagent"] : ["leakagent", parseResult.CommandResult.Command.Name]);
            // "report --bogus x" reports both '--bogus' and 'x', "frobnicate" both "Required command" and the token:
            // name the mistake the user made (an unknown option, then an unknown word) before what is missing.
            var first = parseResult.Errors.OrderBy(Rank).First();
            string message = ErrorWriter.OneLine(first.Message).TrimEnd('.');
            ErrorWriter.WriteLine(error, $"{message}. Run '{command} --help' for usage.");
            return ExitCodes.UsageError;
        }

        static int Rank(System.CommandLine.Parsing.ParseError error) =>
            error.Message.Contains("'-", StringComparison.Ordinal) ? 0 : error.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 1 : 2;

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Commands handle signals themselves: run forwards them to its child, collect cancels cleanly.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            ErrorWriter.WriteLine(error, exception.Message);
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ErrorWriter.WriteLine(error, "interrupted");
            return ExitCodes.Interrupted;
        }
        catch (OutOfMemoryException)
        {
            // Anticipated on a big input in a small container: one line, not a stack trace. The failed allocation
            // is gone by now, so writing the line is safe.
            ErrorWriter.WriteLine(error, "out of memory: the input needs more memory than this process may use (a bigger machine or memory limit, or a smaller dump)");
            return ExitCodes.OutOfMemory;
        }
#pragma warning disable CA1031 // The outermost handler: an unexpected failure is reported whole, as a bug.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ErrorWriter.WriteUnexpected(error, exception);
            return ExitCodes.UnexpectedError;
        }
    }
}
