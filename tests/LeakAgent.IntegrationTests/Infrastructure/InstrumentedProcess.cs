using System.Diagnostics;
using System.Text;

namespace LeakAgent.IntegrationTests.Infrastructure;

/// <summary>
/// Launches a real app process, optionally with the LeakAgent startup hook, and captures what it prints. The one
/// helper every integration test starts processes through.
/// </summary>
public sealed class InstrumentedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private string? _defaultDumpDirectory;

    private InstrumentedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
    }

    public int Id => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="fileName"/> (a <c>.dll</c> runs under <c>dotnet</c>) with the given environment. With
    /// <paramref name="withHook"/> the startup hook from artifacts/leakagent is set, plus a fast export interval.
    /// </summary>
    public static InstrumentedProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?> environment, bool withHook = true)
    {
        var info = new ProcessStartInfo
        {
            FileName = fileName.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (fileName.EndsWith(".dll", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A clean slate: no settings leak in from the test runner's own environment.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("LEAKAGENT_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal) || k == "DOTNET_STARTUP_HOOKS").ToList())
        {
            info.Environment.Remove(key);
        }

        var dumpDirectory = Path.Combine(Path.GetTempPath(), "leakagent-test-dumps-" + Guid.NewGuid().ToString("N"));
        if (withHook)
        {
            info.Environment["DOTNET_STARTUP_HOOKS"] = RepoPaths.StartupHook;
            info.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";

            // Dumps a test did not ask for go to a private folder that is removed with the process.
            info.Environment["LEAKAGENT_DUMP_DIR"] = dumpDirectory;
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var instrumented = new InstrumentedProcess(process) { _defaultDumpDirectory = dumpDirectory };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instrumented;
    }

    /// <summary>Waits for the process to exit; kills it and fails when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"process did not exit within {timeout}; stderr:\n{StandardError}");
        }

        // Let the asynchronous readers drain the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout or stderr contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (HasExited)
            {
                return StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Sends SIGTERM, as Kubernetes does to stop a container.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Closes the app's stdin (samples take that as "stop").</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Writes a line to the app's stdin (test targets take commands that way).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        if (_defaultDumpDirectory is not null && Directory.Exists(_defaultDumpDirectory))
        {
            Directory.Delete(_defaultDumpDirectory, recursive: true);
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
