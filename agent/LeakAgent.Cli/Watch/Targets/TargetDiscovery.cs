using System.Diagnostics;
using System.Globalization;
using LeakAgent.Cli.Processes;

namespace LeakAgent.Cli.Watch.Targets;

/// <summary>
/// Lists the .NET processes whose diagnostics socket is in the temp folder (this process's TMPDIR: a sidecar
/// shares it with the app through a volume), with their names. Reads <c>/proc/PID/cmdline</c> and
/// <c>/proc/PID/environ</c> where it may; a process that cannot be read is still listed, by its process name.
/// </summary>
internal static class TargetDiscovery
{
    /// <summary>The folder the runtime publishes diagnostics sockets in, as the client library looks for them.</summary>
    public static string SocketDirectory => Path.GetTempPath();

    /// <summary>The visible processes, or null when the socket folder does not exist.</summary>
    public static IReadOnlyList<TargetProcess>? Scan()
    {
        if (!Directory.Exists(SocketDirectory))
        {
            return null;
        }

        var result = new List<TargetProcess>();
        foreach (var pid in PublishedProcesses.FromSockets(SocketDirectory))
        {
            if (Describe(pid) is { } process)
            {
                result.Add(process);
            }
        }

        return result;
    }

    /// <summary>Names one process, or null when it is gone.</summary>
    public static TargetProcess? Describe(int pid)
    {
        string name;
        try
        {
            using var process = Process.GetProcessById(pid);
            name = process.ProcessName;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return null;
        }

        var commandLine = ReadNullSeparated(pid, "cmdline");
        var environment = ReadNullSeparated(pid, "environ")
            .Select(e => e.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return new TargetProcess(pid, name, ServiceIdentity.ServiceName(name, commandLine, environment), ServiceIdentity.InstanceId(pid, environment));
    }

    private static string[] ReadNullSeparated(int pid, string file)
    {
        try
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/{file}");
            return File.Exists(path) ? File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another user's process, or it exited: the names fall back to the process name.
            return [];
        }
    }
}
