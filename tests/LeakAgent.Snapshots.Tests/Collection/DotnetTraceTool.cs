using System.Diagnostics;
using System.Globalization;

namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>The official capture client, installed by tests/install-test-tools.sh into artifacts/tools.</summary>
internal static class DotnetTraceTool
{
    public const string MissingMessage = "dotnet-trace is not installed in artifacts/tools: run tests/install-test-tools.sh";

    public static string ExecutablePath => Path.Combine(TestEnvironment.TestToolsPath, OperatingSystem.IsWindows() ? "dotnet-trace.exe" : "dotnet-trace");

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// Captures the heap walk of <paramref name="processId"/> the documented way. Enabling GCHeapCollect induces the
    /// GC at once; a fixed duration then stops the session, which flushes the buffered walk to the file.
    /// </summary>
    public static void CaptureHeapWalk(int processId, string outputPath)
    {
        var arguments = string.Create(
            CultureInfo.InvariantCulture,
            $"collect -p {processId} --providers Microsoft-Windows-DotNETRuntime:0x1980001:5 --duration 00:00:00:03 -o \"{outputPath}\"");
        var info = new ProcessStartInfo(ExecutablePath, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-trace did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet-trace did not finish within 60 s.");
        }

        if (process.ExitCode != 0 || !File.Exists(outputPath))
        {
            throw new InvalidOperationException($"dotnet-trace failed ({process.ExitCode}): {output.Result} {error.Result}");
        }
    }
}
