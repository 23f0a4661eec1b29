using System.Diagnostics;

namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>A running HeapTarget: started, waited for until it prints <c>ready</c>, ended on dispose.</summary>
internal sealed class HeapTargetProcess : IDisposable
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private HeapTargetProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the target with its arguments and extra environment, and waits for <c>ready</c>.</summary>
    public static HeapTargetProcess Start(string arguments = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(TestEnvironment.DotnetHost, $"\"{TestEnvironment.HeapTargetPath}\" {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("HeapTarget did not start.");
        var target = new HeapTargetProcess(process);
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(s_readyTimeout) || line.Result != "ready")
        {
            target.Dispose();
            throw new InvalidOperationException($"HeapTarget did not get ready: '{(line.IsCompletedSuccessfully ? line.Result : "(nothing)")}' {process.StandardError.ReadToEnd()}");
        }

        return target;
    }

    /// <summary>Ends the target: a line on stdin lets it exit on its own; a hung one is killed.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine();
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (IOException)
        {
            // It exited between the check and the write.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
