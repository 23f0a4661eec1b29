namespace LeakAgent.Cli.Errors;

/// <summary>Writes errors in the one shape users and scripts can rely on: <c>[ERROR] message</c>, one line.</summary>
internal static class ErrorWriter
{
    /// <summary>The prefix of every error line.</summary>
    public const string Prefix = "[ERROR] ";

    /// <summary>Writes an anticipated failure as a single line (newlines in the message are folded).</summary>
    public static void WriteLine(TextWriter error, string message) => error.WriteLine(Prefix + OneLine(message));

    /// <summary>Folds line breaks and tabs (System.CommandLine puts tabs in some messages) into single spaces.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Writes an unexpected failure whole, stack trace included, so it can be reported as a bug.</summary>
    public static void WriteUnexpected(TextWriter error, Exception exception)
    {
        error.WriteLine(Prefix + "unexpected error (please report it): " + exception.GetType().Name + ": " + exception.Message.ReplaceLineEndings(" "));
        error.WriteLine(exception.ToString());
    }
}
