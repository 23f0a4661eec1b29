namespace HeapTarget;

/// <summary>Async calls parked forever on a task that never completes: the fire-and-forget leak shape.</summary>
internal static class PendingWork
{
    private static readonly TaskCompletionSource s_never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts <paramref name="count"/> calls of <see cref="ParkAsync"/>; each leaves one state-machine box.</summary>
    public static void Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            // Deliberately not awaited: the continuation list of s_never keeps each box alive.
            _ = ParkAsync(i);
        }
    }

    private static async Task ParkAsync(int id)
    {
        await s_never.Task.ConfigureAwait(false);
        GC.KeepAlive(id);
    }
}
