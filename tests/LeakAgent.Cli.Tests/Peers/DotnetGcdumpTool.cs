using System.Diagnostics;
using System.Globalization;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Peers;

/// <summary>dotnet-gcdump, the tool users compare us with, installed by tests/install-test-tools.sh into artifacts/tools.</summary>
internal static class DotnetGcdumpTool
{
    public const string MissingMessage = "dotnet-gcdump is not installed in artifacts/tools: run tests/install-test-tools.sh";

    public static string ExecutablePath => Path.Combine(TestPaths.Root, "artifacts", "tools", OperatingSystem.IsWindows() ? "dotnet-gcdump.exe" : "dotnet-gcdump");

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Snapshots <paramref name="processId"/> into <paramref name="outputPath"/>.</summary>
    public static async Task CollectAsync(int processId, string outputPath)
    {
        var result = await RunAsync("collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", outputPath);
        Assert.True(result.ExitCode == 0 && File.Exists(outputPath), $"dotnet-gcdump collect failed ({result.ExitCode}): {result.Output} {result.Error}");
    }

    /// <summary>The text of <c>dotnet-gcdump report</c> for a dump file.</summary>
    public static async Task<string> ReportAsync(string dumpPath)
    {
        var result = await RunAsync("report", dumpPath);
        Assert.True(result.ExitCode == 0, $"dotnet-gcdump report failed ({result.ExitCode}): {result.Output} {result.Error}");
        return result.Output;
    }

    private static async Task<CliResult> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("DOTNET_STARTUP_HOOKS");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet-gcdump " + string.Join(' ', arguments) + " did not finish within 120 s");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
