namespace Softwerkskammer.Members;

/// <summary>
/// Stands in for a database driver: every write waits for an acknowledgement the driver keeps in its in-flight
/// queue. In this story the acknowledgement never comes (the seed's callback that never returns), so the queue,
/// and everything waiting on it, only grows.
/// </summary>
internal sealed class MongoConnection
{
    private readonly Queue<TaskCompletionSource> _inFlight = new();

    public int InFlight
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count;
            }
        }
    }

    public Task WriteAsync(Member member)
    {
        _ = member;
        var acknowledgement = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_inFlight)
        {
            _inFlight.Enqueue(acknowledgement);
        }

        return acknowledgement.Task;
    }
}
