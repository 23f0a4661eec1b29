using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>One out-of-process snapshot of a default HeapTarget, shared by the assertions on it.</summary>
public sealed class HeapTargetSnapshotFixture : IDisposable
{
    private readonly List<long> _progress = [];

    public HeapTargetSnapshotFixture()
    {
        using var target = HeapTargetProcess.Start();
        var options = new HeapSnapshotOptions { Progress = new SynchronousProgress<long>(_progress.Add) };
        Result = HeapSnapshotCollector.CollectAsync(target.Id, options).GetAwaiter().GetResult();
        TargetAliveAfterwards = !target.HasExited;
    }

    public HeapSnapshotResult Result { get; }

    public bool TargetAliveAfterwards { get; }

    public IReadOnlyList<long> ProgressReports => _progress;

    public void Dispose()
    {
    }
}
