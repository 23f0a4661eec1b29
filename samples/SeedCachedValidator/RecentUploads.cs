namespace SeedCachedValidator;

/// <summary>
/// The last few thousand uploads, kept for an audit page: the healthy, bounded kind of cache every service has.
/// </summary>
/// <remarks>
/// Why the sample has it: entries live long enough to reach gen2 and then die, so the app runs full (background)
/// GCs every few seconds under load, as real services do. Without such churn a small app can go minutes without a
/// full GC, and the heap-trend detector, which only trusts post-full-GC floors, has nothing to read. The cache is
/// flat (constant size) and so never looks like a leak.
/// </remarks>
public static class RecentUploads
{
    /// <summary>Entries kept; at about 1 KB each the cache holds a steady ~2 MB.</summary>
    public const int Capacity = 2_000;

    private const int PayloadBytes = 1_024;
    private static readonly Queue<RecentUpload> s_entries = new(Capacity);

    public static int Count
    {
        get
        {
            lock (s_entries)
            {
                return s_entries.Count;
            }
        }
    }

    public static void Add(string fileName)
    {
        var entry = new RecentUpload(fileName, DateTimeOffset.UtcNow, new byte[PayloadBytes]);
        lock (s_entries)
        {
            if (s_entries.Count == Capacity)
            {
                s_entries.Dequeue();
            }

            s_entries.Enqueue(entry);
        }
    }

    private sealed record RecentUpload(string FileName, DateTimeOffset At, byte[] Payload);
}
