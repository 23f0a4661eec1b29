using System.Diagnostics;

namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>Finds and runs a command-line validator (promtool, amtool) installed by dashboards/install-tools.sh.</summary>
public static class ExternalTool
{
    /// <summary>The tool's full path on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs the tool in <paramref name="workingDirectory"/> and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string tool, string workingDirectory, params string[] args)
    {
        var exe = Find(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH; run dashboards/install-tools.sh.");
        var psi = new ProcessStartInfo(exe)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 2 minutes.");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
