using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Output;
using LeakAgent.Cli.Processes;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Cli.Commands;

/// <summary><c>leakagent collect -p PID [-o FILE]</c>: a gcdump of a live .NET process, taken from outside it.</summary>
internal static class CollectCommand
{
    private const string UnknownName = "process";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var processId = new Option<int>("--process-id", "-p")
        {
            Description = "The id of the .NET process to snapshot (see 'leakagent ps').",
            Required = true,
            HelpName = "pid",
        };
        CommonOptions.RequireAtLeast(processId, 1);
        var outputPath = new Option<string>("--output", "-o")
        {
            Description = "The .gcdump to write (default: <name>-<pid>-<time>.gcdump in the current folder); written under a temporary name and renamed when complete.",
            HelpName = "file",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Give up after this many seconds.",
            DefaultValueFactory = _ => (int)HeapSnapshotOptionsDefaults.Timeout.TotalSeconds,
            HelpName = "seconds",
        };
        CommonOptions.RequireAtLeast(timeout, 1);
        var progress = new Option<bool>("--progress")
        {
            Description = "Show the objects seen on stderr even when stderr is not a terminal.",
        };
        var bufferSize = new Option<int?>("--buffer-size")
        {
            Description = $"The target's event buffer for the heap walk, in MB (default: sized from the process's memory, {HeapSnapshotBufferSize.MinimumMB}-{HeapSnapshotBufferSize.MaximumMB}).",
            HelpName = "MB",
        };
        bufferSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && (value < 1 || value > SnapshotBufferSizing.MaximumMB))
            {
                result.AddError($"--buffer-size must be between 1 and {SnapshotBufferSizing.MaximumMB} (MB)");
            }
        });
        var command = new Command("collect", "Take a heap snapshot (.gcdump) of a running .NET process from outside it, as dotnet-gcdump does.")
        {
            processId, outputPath, timeout, progress, bufferSize,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // First of all: a SIGTERM or Ctrl-C from here on is an interruption (130 and one line), never the
            // runtime's default exit 143 without a word.
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
            int pid = parseResult.GetValue(processId);
            var error = parseResult.InvocationConfiguration.Error;
            string processName = ProcessName(pid);
            RequireDiagnosable(pid, processName);
            string path = Path.GetFullPath(parseResult.GetValue(outputPath) ?? DefaultFileName(processName, pid));
            string? directory = Path.GetDirectoryName(path);
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new CliException($"cannot write '{path}': the folder '{directory}' does not exist", ExitCodes.FileError);
            }

            // Show progress only to a person watching (or when asked): a log file full of \r lines helps nobody.
            var reporter = parseResult.GetValue(progress) || (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
                ? new ObjectProgress(error)
                : null;
            var bufferMB = parseResult.GetValue(bufferSize) ?? SnapshotBufferSizing.ForProcess(pid);
            var options = new HeapSnapshotOptions
            {
                Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                Progress = reporter,
                CircularBufferSizeMB = bufferMB,
            };
            HeapSnapshotResult result;
            try
            {
                result = await HeapSnapshotCollector.CollectAsync(pid, options, interrupt.Token).ConfigureAwait(false);
            }
            finally
            {
                reporter?.Complete();
            }

            var graph = result.Graph;
            if (!result.IsCompleted || graph is null)
            {
                var advice = result.Outcome == HeapSnapshotOutcome.EventsLost && bufferMB < SnapshotBufferSizing.MaximumMB
                    ? string.Create(CultureInfo.InvariantCulture, $"; the event buffer was {bufferMB} MB: retry with --buffer-size {SnapshotBufferSizing.Retry(bufferMB)}")
                    : string.Empty;
                throw new CliException($"no snapshot of process {pid}: {result.Reason}{advice}", ExitCodeOf(result.Outcome));
            }

            if (interrupt.IsCancellationRequested)
            {
                throw new CliException("interrupted: no dump was written", ExitCodes.Interrupted);
            }

            var metadata = new GcDumpMetadata
            {
                ProcessName = processName,
                ProcessId = pid,
                TimeCollected = DateTime.Now,
                MachineName = Environment.MachineName,
                CreationTool = "leakagent",
            };
            Write(new GcDump(graph, metadata), path);
            var statistics = result.Statistics;
            string pause = statistics.GcPause is { } gcPause ? string.Create(CultureInfo.InvariantCulture, $", GC pause {gcPause.TotalMilliseconds:0} ms") : string.Empty;
            parseResult.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}: {Numbers.Count(statistics.NodeCount)} objects, {Numbers.Bytes(graph.TotalSize)} in {statistics.WallTime.TotalSeconds:0.0} s{pause}"));
            return ExitCodes.Success;

            void Cancel(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupt.Cancel();
            }
        });
        return command;
    }

    private static int ExitCodeOf(HeapSnapshotOutcome outcome) => outcome switch
    {
        HeapSnapshotOutcome.ProcessNotFound or HeapSnapshotOutcome.DiagnosticsUnavailable or HeapSnapshotOutcome.NoManagedHeap => ExitCodes.ProcessNotDiagnosable,
        HeapSnapshotOutcome.Cancelled => ExitCodes.Interrupted,
        _ => ExitCodes.SnapshotFailed,
    };

    private static void Write(GcDump dump, string path)
    {
        try
        {
            GcDumpWriter.Write(dump, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{path}': {exception.Message}", ExitCodes.FileError, exception);
        }
    }

    /// <summary>
    /// Says plainly when a live process is not .NET: the library would try to connect and report the client's
    /// long connection message (its own check treats an unreadable process list as "published").
    /// </summary>
    private static void RequireDiagnosable(int pid, string processName)
    {
        if (processName != UnknownName && !PublishedProcesses.Find().Contains(pid))
        {
            throw new CliException(
                $"process {pid} ({processName}) publishes no .NET diagnostics endpoint: it is not a .NET process, runs with DOTNET_EnableDiagnostics=0, or uses another TMPDIR (another container?)",
                ExitCodes.ProcessNotDiagnosable);
        }
    }

    private static string ProcessName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // The collector reports a missing process with its own outcome and message.
            return UnknownName;
        }
    }

    private static string DefaultFileName(string processName, int pid) =>
        string.Create(CultureInfo.InvariantCulture, $"{processName}-{pid}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.gcdump");
}
