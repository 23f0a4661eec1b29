using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Cli.Processes;

/// <summary>
/// The ids of processes that publish a diagnostics IPC endpoint. Wraps
/// <see cref="DiagnosticsClient.GetPublishedProcesses"/>, which on Linux reads every process's
/// <c>/proc/PID/environ</c> for its TMPDIR and throws when one of them vanishes or is a kernel thread (seen here:
/// "No such process : '/proc/2/environ'"): then the sockets in our own temp folder are listed instead.
/// </summary>
internal static class PublishedProcesses
{
    private const string SocketPrefix = "dotnet-diagnostic-";

    /// <summary>The published process ids, ascending.</summary>
    public static IReadOnlyList<int> Find()
    {
        try
        {
            return DiagnosticsClient.GetPublishedProcesses().Distinct().Order().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && !OperatingSystem.IsWindows())
        {
            return FromSockets(Path.GetTempPath());
        }
    }

    /// <summary>Parses <c>dotnet-diagnostic-{pid}-{key}-socket</c> names in <paramref name="directory"/>.</summary>
    internal static IReadOnlyList<int> FromSockets(string directory)
    {
        var ids = new SortedSet<int>();
        try
        {
            foreach (var path in Directory.EnumerateFiles(directory, SocketPrefix + "*-socket"))
            {
                var parts = Path.GetFileName(path)[SocketPrefix.Length..].Split('-');
                if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id) && IsRunning(id))
                {
                    ids.Add(id);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable temp folder lists nothing; collect still says why a given pid cannot be reached.
        }

        return ids.ToList();
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
