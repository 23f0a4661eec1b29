using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Runs the heap session: start, wait for the walk's GC to end, stop, drain the rundown.</summary>
internal static class HeapSession
{
    // After the walk, stopping the session makes the runtime send rundown (module paths) and close the stream.
    // Bounded so a target that stops answering cannot hold the caller; the walk itself is already judged.
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(10);

    public static async Task<(HeapSessionEnd End, EventStreamEnd? Stream)> RunAsync(
        DiagnosticsClient client, HeapSnapshotOptions options, HeapEventProcessor processor, CancellationToken deadline)
    {
        var walkEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.WalkEnded += () => walkEnded.TrySetResult();

        var session = await client.StartEventPipeSessionAsync(HeapSessionProviders.Heap(options.CircularBufferSizeMB), deadline).ConfigureAwait(false);
        var pump = EventStreamPump.Start(session.EventStream, processor.Attach, "LeakAgent heap snapshot");
        try
        {
            var end = await WaitForWalkAsync(options, processor, walkEnded.Task, pump.Completion, deadline).ConfigureAwait(false);

            using var drain = new CancellationTokenSource(s_drainTimeout);
            await TypeTableFlush.StopQuietlyAsync(session, drain.Token).ConfigureAwait(false);
            var drained = await Task.WhenAny(pump.Completion, Task.Delay(Timeout.Infinite, drain.Token)).ConfigureAwait(false);
            if (drained != pump.Completion)
            {
                pump.Stop();
            }

            session.Dispose();
            using var last = new CancellationTokenSource(s_drainTimeout);
            var finished = await Task.WhenAny(pump.Completion, Task.Delay(Timeout.Infinite, last.Token)).ConfigureAwait(false);
            return (end, finished == pump.Completion ? await pump.Completion.ConfigureAwait(false) : null);
        }
        finally
        {
            pump.Stop();
            session.Dispose();
        }
    }

    private static async Task<HeapSessionEnd> WaitForWalkAsync(
        HeapSnapshotOptions options, HeapEventProcessor processor, Task walkEnded, Task streamEnded, CancellationToken deadline)
    {
        var deadlineTask = Task.Delay(Timeout.Infinite, deadline);
        var noDataTask = Task.Delay(options.NoDataTimeout, deadline);
        var first = await Task.WhenAny(walkEnded, streamEnded, noDataTask, deadlineTask).ConfigureAwait(false);
        if (first == noDataTask && !deadline.IsCancellationRequested)
        {
            if (!processor.AnyEventSeen)
            {
                return HeapSessionEnd.NoData;
            }

            first = await Task.WhenAny(walkEnded, streamEnded, deadlineTask).ConfigureAwait(false);
        }

        // A finished walk wins over a stream end or deadline that happened at the same moment.
        return walkEnded.IsCompleted ? HeapSessionEnd.WalkEnded
            : first == streamEnded ? HeapSessionEnd.StreamEnded
            : HeapSessionEnd.Deadline;
    }
}
