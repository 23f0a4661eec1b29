using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Takes a heap snapshot of a live .NET process over EventPipe, the way dotnet-gcdump does: a type-table flush
/// session, then a session whose GCHeapCollect keyword induces a blocking gen2 GC that streams the heap walk.
/// </summary>
/// <remarks>
/// Works on another process (the CLI) and on the calling process itself (the agent): events are parsed on a
/// dedicated background thread, so a self-snapshot does not deadlock, but the session buffer must then hold the
/// whole walk (<see cref="HeapSnapshotBufferSize"/>). Events feed the graph builder as they arrive. A snapshot is
/// complete or absent: any sign of lost events gives no graph. Anticipated failures (no such process, diagnostics
/// disabled, timeout, exit) are outcomes, not exceptions.
/// </remarks>
public static class HeapSnapshotCollector
{
    /// <summary>Collects a heap snapshot of process <paramref name="processId"/> (which may be the calling process).</summary>
    /// <param name="processId">The target's process id.</param>
    /// <param name="options">Timeouts, buffer size, progress; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the collection (outcome <see cref="HeapSnapshotOutcome.Cancelled"/>).</param>
    /// <returns>The graph and statistics, or the outcome and reason why there is no graph.</returns>
    public static Task<HeapSnapshotResult> CollectAsync(int processId, HeapSnapshotOptions? options = null, CancellationToken cancellationToken = default) =>
        CollectAsync(processId, options ?? new HeapSnapshotOptions(), new GraphBuilderSink(options?.StaticFieldNamer), cancellationToken);

    internal static async Task<HeapSnapshotResult> CollectAsync(int processId, HeapSnapshotOptions options, IHeapGraphSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CircularBufferSizeMB, 1, nameof(options));

        var clock = Stopwatch.StartNew();
        var processor = new HeapEventProcessor(sink, options.Progress);
        if (!DiagnosticsEndpoint.ProcessExists(processId))
        {
            return Finish(HeapSnapshotOutcome.ProcessNotFound, Invariant($"no process with id {processId} is running"));
        }

        if (DiagnosticsEndpoint.FindUnavailableReason(processId) is { } unavailable)
        {
            return Finish(HeapSnapshotOutcome.DiagnosticsUnavailable, unavailable);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var client = new DiagnosticsClient(processId);
            await TypeTableFlush.RunAsync(client, deadline.Token).ConfigureAwait(false);
            var (end, stream) = await HeapSession.RunAsync(client, processId, options, processor, clock, deadline.Token).ConfigureAwait(false);
            await TypeTableFlush.RunAfterQuietlyAsync(client, cancellationToken).ConfigureAwait(false);

            // The sessions' buffers are freed now; hand their pages back before the graph is allocated.
            NativeHeap.Trim();
            return Judge(end, stream);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(HeapSnapshotOutcome.Cancelled, "the caller cancelled the collection");
        }
        catch (OperationCanceledException)
        {
            return Finish(HeapSnapshotOutcome.Timeout, Invariant($"the collection did not finish within {options.Timeout.TotalSeconds:0.#} s ({processor.NodeCount} objects seen)"));
        }
        catch (ServerNotAvailableException exception)
        {
            return DiagnosticsEndpoint.ProcessExists(processId)
                ? Finish(HeapSnapshotOutcome.DiagnosticsUnavailable, Invariant($"cannot reach the diagnostics IPC of process {processId}: {exception.Message}"))
                : Finish(HeapSnapshotOutcome.ProcessExited, Invariant($"process {processId} exited during the collection"));
        }
        catch (ServerErrorException exception)
        {
            return Finish(HeapSnapshotOutcome.Failed, Invariant($"the target runtime refused the EventPipe session: {exception.Message}"));
        }
#pragma warning disable CA1031 // A snapshot is best effort inside someone else's app: report, never throw.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Finish(HeapSnapshotOutcome.Failed, Invariant($"{exception.GetType().Name}: {exception.Message}"), error: exception);
        }

        HeapSnapshotResult Judge(HeapSessionEnd end, EventStreamEnd? stream)
        {
            var eventsLost = stream?.EventsLost ?? 0;
            var verdict = processor.Evaluate(eventsLost);
            if (cancellationToken.IsCancellationRequested)
            {
                return Finish(HeapSnapshotOutcome.Cancelled, "the caller cancelled the collection", eventsLost);
            }

            if (verdict.Outcome == HeapSnapshotOutcome.Completed && stream is not null)
            {
                if (options.GraphGuard?.Invoke(processor.NodeCount, processor.EdgeCount) is { } refusal)
                {
                    return Finish(HeapSnapshotOutcome.InsufficientMemory, refusal, eventsLost);
                }

                var graph = sink.Build();
                return UnnamedTypes.Reject(graph) is { } unnamed
                    ? Finish(HeapSnapshotOutcome.Failed, unnamed, eventsLost)
                    : Finish(verdict.Outcome, verdict.Reason, eventsLost, graph);
            }

            return end switch
            {
                HeapSessionEnd.NoData => Finish(HeapSnapshotOutcome.NoManagedHeap, Invariant($"process {processId} sent no runtime events within {options.NoDataTimeout.TotalSeconds:0.#} s of the heap session's start"), eventsLost),
                HeapSessionEnd.Deadline => Finish(HeapSnapshotOutcome.Timeout, Invariant($"the heap walk did not finish within {options.Timeout.TotalSeconds:0.#} s ({processor.NodeCount} objects seen; {verdict.Reason})"), eventsLost),
                HeapSessionEnd.StreamEnded when !DiagnosticsEndpoint.ProcessExists(processId) => Finish(HeapSnapshotOutcome.ProcessExited, Invariant($"process {processId} exited during the collection ({processor.NodeCount} objects seen)"), eventsLost),
                _ when stream is null => Finish(HeapSnapshotOutcome.Timeout, "the event stream did not close after the session was stopped", eventsLost),
                _ when stream.Value.Error is { } error && verdict.Outcome == HeapSnapshotOutcome.NoManagedHeap => Finish(HeapSnapshotOutcome.Failed, Invariant($"reading the event stream failed: {error.Message}"), eventsLost),
                _ => Finish(verdict.Outcome, verdict.Reason, eventsLost),
            };
        }

        HeapSnapshotResult Finish(HeapSnapshotOutcome outcome, string reason, long eventsLost = 0, Graph.HeapGraph? graph = null, Exception? error = null) =>
            new(outcome, reason, graph, HeapSnapshotStatisticsFactory.From(processor, eventsLost, clock.Elapsed), error);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
