namespace LeakAgent.Snapshots.Collection;

/// <summary>Defaults of <see cref="HeapSnapshotOptions"/>.</summary>
public static class HeapSnapshotOptionsDefaults
{
    /// <summary>Whole collection, both sessions (dotnet-gcdump's default too).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A live .NET runtime answers the session at once; silence this long means no managed heap.</summary>
    public static readonly TimeSpan NoDataTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Buffer when the caller has no better estimate; see <see cref="HeapSnapshotBufferSize"/>.</summary>
    public const int CircularBufferSizeMB = 256;
}
