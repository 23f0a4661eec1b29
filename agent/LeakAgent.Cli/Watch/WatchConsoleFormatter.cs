using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace LeakAgent.Cli.Watch;

/// <summary>
/// The watch's console lines: <c>2026-12-01T10:00:00Z info: message</c>. The simple console formatter would add the
/// category and the source generator's hashed event id (<c>LeakAgent.Watch[1749712322]</c>), which say nothing to
/// a person and crowd the line; the message is the whole point.
/// </summary>
internal sealed class WatchConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "leakagent-watch";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.WriteLine(message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
