using Microsoft.Diagnostics.Tracing;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Parses an EventPipe stream on a dedicated background thread until it ends or <see cref="Stop"/> is called.
/// </summary>
/// <remarks>
/// A dedicated thread, not a pool thread: in a self-snapshot the runtime suspends every managed thread (this one
/// too) during the heap walk, and afterwards this thread must drain the session buffer while the app's own work
/// keeps the pool busy. Parsing on a background thread is what makes a self-snapshot deadlock-free (DESIGN.md).
/// </remarks>
internal sealed class EventStreamPump
{
    private readonly TaskCompletionSource<EventStreamEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile EventPipeEventSource? _source;
    private volatile bool _stopRequested;

    private EventStreamPump()
    {
    }

    /// <summary>
    /// Completes when the stream ends or parsing fails; never faults, so an abandoned pump cannot raise
    /// <c>TaskScheduler.UnobservedTaskException</c> in the host app.
    /// </summary>
    public Task<EventStreamEnd> Completion => _completion.Task;

    /// <summary>Starts parsing <paramref name="stream"/>; <paramref name="attach"/> subscribes handlers first.</summary>
    public static EventStreamPump Start(Stream stream, Action<EventPipeEventSource> attach, string threadName)
    {
        var pump = new EventStreamPump();
        var thread = new Thread(() => pump.Run(stream, attach))
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();
        return pump;
    }

    /// <summary>Asks the parser to return after the current event (any thread).</summary>
    public void Stop()
    {
        _stopRequested = true;
        _source?.StopProcessing();
    }

    private void Run(Stream stream, Action<EventPipeEventSource> attach)
    {
        try
        {
            // The constructor blocks until the stream's header arrives, so it runs here and not on the caller.
            using var source = new EventPipeEventSource(stream);
            _source = source;
            attach(source);
            if (!_stopRequested)
            {
                source.Process();
            }

            _completion.TrySetResult(new EventStreamEnd(source.EventsLost, null));
        }
#pragma warning disable CA1031 // The thread must never die with an unhandled exception: that would kill the host app.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _completion.TrySetResult(new EventStreamEnd(0, exception));
        }
    }
}
