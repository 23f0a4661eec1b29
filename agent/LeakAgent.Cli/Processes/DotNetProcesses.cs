using System.Diagnostics;
using System.Globalization;

namespace LeakAgent.Cli.Processes;

/// <summary>Lists the .NET processes this user can diagnose (those whose diagnostics IPC endpoint we can see).</summary>
internal static class DotNetProcesses
{
    /// <summary>The processes, by id; ones that exited meanwhile are left out.</summary>
    public static IReadOnlyList<DotNetProcess> List()
    {
        var result = new List<DotNetProcess>();
        foreach (int id in PublishedProcesses.Find())
        {
            try
            {
                using var process = Process.GetProcessById(id);
                result.Add(new DotNetProcess(id, process.ProcessName, ReadCommandLine(id, process)));
            }
            catch (ArgumentException)
            {
                // A stale endpoint of a process that is gone.
            }
            catch (InvalidOperationException)
            {
                // It exited while we looked.
            }
        }

        return result;
    }

    private static string ReadCommandLine(int id, Process process)
    {
        // Linux has the real command line, arguments included; elsewhere the main module's path is what we can read.
        string procFile = string.Create(CultureInfo.InvariantCulture, $"/proc/{id}/cmdline");
        try
        {
            if (File.Exists(procFile))
            {
                return File.ReadAllText(procFile).TrimEnd('\0').Replace('\0', ' ');
            }

            return process.MainModule?.FileName ?? string.Empty;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return string.Empty;
        }
    }
}
