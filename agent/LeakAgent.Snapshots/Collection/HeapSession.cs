using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Runs the heap session: start, wait for the walk, stop, drain the buffered events and the rundown.</summary>
internal static class HeapSession
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    // Stopping makes the runtime flush the buffers, send rundown (module paths) and close the stream. Draining a big
    // walk's buffer takes as long as parsing it, so the drain may use what is left of the caller's timeout; at least
    // this much, so a walk that ended near the deadline still gets its rundown, and bounded so a target that stops
    // answering cannot hold the caller.
    private static readonly TimeSpan s_minimumDrain = TimeSpan.FromSeconds(10);

    public static async Task<(HeapSessionEnd End, EventStreamEnd? Stream)> RunAsync(
        DiagnosticsClient client, int processId, HeapSnapshotOptions options, HeapEventProcessor processor, System.Diagnostics.Stopwatch clock, CancellationToken deadline)
    {
        var walkEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.WalkEnded += () => walkEnded.TrySetResult();

        var session = await client.StartEventPipeSessionAsync(HeapSessionProviders.Heap(options.CircularBufferSizeMB), deadline).ConfigureAwait(false);
        var stream = new CountingStream(session.EventStream);
        var pump = EventStreamPump.Start(stream, processor.Attach, "LeakAgent heap snapshot");
        try
        {
            var probe = new WalkEndProbe(processId, stream);
            var end = await WaitForWalkAsync(options, probe, stream, walkEnded.Task, pump.Completion, deadline).ConfigureAwait(false);

            var drainTimeout = DrainTimeout(options.Timeout, clock.Elapsed);
            using var drain = new CancellationTokenSource(drainTimeout);
            await TypeTableFlush.StopQuietlyAsync(session, drain.Token).ConfigureAwait(false);
            var drained = await Task.WhenAny(pump.Completion, Task.Delay(Timeout.Infinite, drain.Token)).ConfigureAwait(false);
            if (drained != pump.Completion)
            {
                // The stream did not close: closing it ourselves ends the parser.
                pump.Stop();
                session.Dispose();
                using var last = new CancellationTokenSource(s_minimumDrain);
                drained = await Task.WhenAny(pump.Completion, Task.Delay(Timeout.Infinite, last.Token)).ConfigureAwait(false);
            }

            return (end, drained == pump.Completion ? await pump.Completion.ConfigureAwait(false) : null);
        }
        finally
        {
            pump.Stop();
            session.Dispose();
        }
    }

    /// <summary>What is left of <paramref name="timeout"/> after <paramref name="elapsed"/>, but at least the minimum drain.</summary>
    internal static TimeSpan DrainTimeout(TimeSpan timeout, TimeSpan elapsed)
    {
        var left = timeout - elapsed;
        return left > s_minimumDrain ? left : s_minimumDrain;
    }

    private static async Task<HeapSessionEnd> WaitForWalkAsync(
        HeapSnapshotOptions options, WalkEndProbe probe, CountingStream stream, Task walkEnded, Task streamEnded, CancellationToken deadline)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var tick = Task.Delay(s_tick, deadline);
            await Task.WhenAny(walkEnded, streamEnded, tick).ConfigureAwait(false);
            if (walkEnded.IsCompleted)
            {
                return HeapSessionEnd.WalkEnded;
            }

            if (streamEnded.IsCompleted)
            {
                return HeapSessionEnd.StreamEnded;
            }

            if (deadline.IsCancellationRequested)
            {
                return HeapSessionEnd.Deadline;
            }

            if (probe.Tick())
            {
                return HeapSessionEnd.WalkWritten;
            }

            if (stream.BytesRead == 0 && DateTime.UtcNow - started > options.NoDataTimeout)
            {
                return HeapSessionEnd.NoData;
            }
        }
    }
}
