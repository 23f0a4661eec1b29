using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Finds out, without throwing, whether a process exists and whether its diagnostics IPC can be reached.</summary>
internal static class DiagnosticsEndpoint
{
    // The runtime reads either prefix; "_IPC" (.NET 8+) disables only the IPC channel, which is all we need.
    private static readonly string[] s_disablingVariables =
    [
        "DOTNET_EnableDiagnostics",
        "DOTNET_EnableDiagnostics_IPC",
        "COMPlus_EnableDiagnostics",
        "COMPlus_EnableDiagnostics_IPC",
    ];

    /// <summary>Whether a process with this id is running now.</summary>
    public static bool ProcessExists(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Null when the process publishes a diagnostics endpoint; otherwise why it cannot be reached, naming the
    /// variable that disabled it when the process's environment can be read.
    /// </summary>
    public static string? FindUnavailableReason(int processId)
    {
        var disabledBy = FindDisablingSetting(processId);
        if (disabledBy is not null)
        {
            return Invariant($"the target's diagnostics IPC is disabled ({disabledBy}); unset it or use a heap snapshot from inside the process");
        }

        if (IsPublished(processId))
        {
            return null;
        }

        return Invariant($"process {processId} publishes no diagnostics IPC endpoint: it is not a .NET (Core 3.0+) process, runs with DOTNET_EnableDiagnostics=0 or DOTNET_EnableDiagnostics_IPC=0, or sees another TMPDIR (e.g. another container)");
    }

    private static bool IsPublished(int processId)
    {
        try
        {
            return DiagnosticsClient.GetPublishedProcesses().Contains(processId);
        }
        catch (IOException)
        {
            // An unreadable temp directory: let the connection attempt say what is wrong.
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string? FindDisablingSetting(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            foreach (var name in s_disablingVariables)
            {
                if (Environment.GetEnvironmentVariable(name) is "0")
                {
                    return name + "=0";
                }
            }

            return null;
        }

        return ReadEnvironment(processId) is { } environment
            ? s_disablingVariables.Select(name => name + "=0").FirstOrDefault(environment.Contains)
            : null;
    }

    // Linux exposes another process's start-up environment to its owner; elsewhere we only know the socket is missing.
    private static HashSet<string>? ReadEnvironment(int processId)
    {
        var path = Invariant($"/proc/{processId}/environ");
        try
        {
            return File.Exists(path) ? [.. File.ReadAllText(path).Split('\0')] : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
