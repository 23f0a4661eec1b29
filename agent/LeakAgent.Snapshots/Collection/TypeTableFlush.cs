using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>Runs the short first session that makes the runtime forget which types it already logged.</summary>
internal static class TypeTableFlush
{
    // The sample profiler emits within milliseconds; past this the flush is moot and the heap session goes on.
    private static readonly TimeSpan s_firstEventWait = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(DiagnosticsClient client, CancellationToken cancellationToken)
    {
        using var session = await client.StartEventPipeSessionAsync(HeapSessionProviders.TypeFlush(), cancellationToken).ConfigureAwait(false);
        var firstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = EventStreamPump.Start(session.EventStream, source => source.AllEvents += _ => firstEvent.TrySetResult(), "LeakAgent type flush");
        try
        {
            await Task.WhenAny(firstEvent.Task, pump.Completion, Task.Delay(s_firstEventWait, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            pump.Stop();
            await StopQuietlyAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The same flush after a heap session, best effort: it resets the runtime's keyword state that the heap
    /// session's stop left behind when another session is open (see <see cref="HeapSessionProviders.TypeFlush"/>),
    /// so the next snapshot, by anyone, names its types. A target that exited or refuses is not an error here.
    /// </summary>
    public static async Task RunAfterQuietlyAsync(DiagnosticsClient client, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_firstEventWait);
        try
        {
            await RunAsync(client, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DiagnosticsClientException or IOException or ObjectDisposedException or TimeoutException or EndOfStreamException or OperationCanceledException)
        {
            // The snapshot's outcome is already decided; this only tidies the target's state.
        }
    }

    /// <summary>Stops a session; a target that already closed it (or exited) is not an error here.</summary>
    public static async Task StopQuietlyAsync(EventPipeSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or ServerErrorException or IOException or ObjectDisposedException or TimeoutException or EndOfStreamException)
        {
            // The stream end that follows, or its absence, tells the caller what happened.
        }
    }
}
