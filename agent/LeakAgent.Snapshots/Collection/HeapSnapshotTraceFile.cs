using System.Diagnostics;
using Microsoft.Diagnostics.Tracing;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Turns a <c>.nettrace</c> file that holds a heap walk into the same graph as a live collection, by the same
/// event handling. Such a file comes from e.g.
/// <c>dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1980001:5</c>.
/// </summary>
public static class HeapSnapshotTraceFile
{
    /// <summary>Reads the first complete heap walk in <paramref name="path"/>.</summary>
    /// <param name="path">A .nettrace file.</param>
    /// <param name="progress">Receives the number of objects read so far, every 10,000 objects.</param>
    /// <returns>The graph, or the outcome (EventsLost, NoManagedHeap, Failed) and why there is none.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static HeapSnapshotResult Read(string path, IProgress<long>? progress = null) => Read(path, new GraphBuilderSink(), progress);

    internal static HeapSnapshotResult Read(string path, IHeapGraphSink sink, IProgress<long>? progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("No such .nettrace file.", path);
        }

        var clock = Stopwatch.StartNew();
        var processor = new HeapEventProcessor(sink, progress);
        long eventsLost;
        using (var source = new EventPipeEventSource(path))
        {
            processor.Attach(source);
            source.Process();
            eventsLost = source.EventsLost;
        }

        var verdict = processor.Evaluate(eventsLost);
        var graph = verdict.Outcome == HeapSnapshotOutcome.Completed ? sink.Build() : null;
        return new HeapSnapshotResult(verdict.Outcome, verdict.Reason, graph, HeapSnapshotStatisticsFactory.From(processor, eventsLost, clock.Elapsed));
    }
}
