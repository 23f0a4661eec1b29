using System.Diagnostics;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>The GrowingTarget app: adds N LeakedRecord objects per line written to its stdin.</summary>
internal sealed class GrowingTargetProcess : IDisposable
{
    private readonly Process _process;

    private GrowingTargetProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static async Task<GrowingTargetProcess> StartAsync()
    {
        var startInfo = new ProcessStartInfo("dotnet", [TestPaths.GrowingTarget])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.Environment.Remove("DOTNET_STARTUP_HOOKS");
        var target = new GrowingTargetProcess(Process.Start(startInfo)!);
        await target.ExpectAsync("ready");
        return target;
    }

    /// <summary>Adds <paramref name="count"/> records and waits until the target says it did.</summary>
    public async Task GrowAsync(int count)
    {
        await _process.StandardInput.WriteLineAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _process.StandardInput.FlushAsync();
        await ExpectAsync("grown");
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5_000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task ExpectAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(line?.StartsWith(prefix, StringComparison.Ordinal) == true, $"expected '{prefix}…' from the target, got '{line}'");
    }
}
