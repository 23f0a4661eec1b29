using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Snapshots.Tests.Collection;

[Xunit.Collection(CollectionTestGroup.Name)]
public sealed class HeapSnapshotFailureTests
{
    [Fact]
    public async Task Collect_TinyBufferOnBigHeap_ReportsEventsLostWithoutGraph()
    {
        // 3M objects stream ~150 MB of events during one GC: a 1 MB buffer must overflow.
        using var target = HeapTargetProcess.Start("--filler 3000000");
        var options = new HeapSnapshotOptions { CircularBufferSizeMB = 1, Timeout = TimeSpan.FromSeconds(20) };

        var result = await HeapSnapshotCollector.CollectAsync(target.Id, options);

        Assert.Contains(result.Outcome, new[] { HeapSnapshotOutcome.EventsLost, HeapSnapshotOutcome.Timeout });
        Assert.Null(result.Graph);
        Assert.False(result.IsCompleted);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task Collect_NonExistentProcess_ReturnsProcessNotFound()
    {
        const int pid = int.MaxValue - 7;

        var result = await HeapSnapshotCollector.CollectAsync(pid);

        Assert.Equal(HeapSnapshotOutcome.ProcessNotFound, result.Outcome);
        Assert.Null(result.Graph);
        Assert.Contains(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DOTNET_EnableDiagnostics")]
    [InlineData("DOTNET_EnableDiagnostics_IPC")]
    public async Task Collect_DiagnosticsDisabled_ReturnsDiagnosticsUnavailable(string variable)
    {
        using var target = HeapTargetProcess.Start("--leaked 10", new Dictionary<string, string> { [variable] = "0" });

        var result = await HeapSnapshotCollector.CollectAsync(target.Id);

        Assert.Equal(HeapSnapshotOutcome.DiagnosticsUnavailable, result.Outcome);
        Assert.Null(result.Graph);
        Assert.Contains($"({variable}=0)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_Cancelled_ReturnsCancelledWithoutGraph()
    {
        using var target = HeapTargetProcess.Start("--leaked 10");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var result = await HeapSnapshotCollector.CollectAsync(target.Id, cancellationToken: cancel.Token);

        Assert.Equal(HeapSnapshotOutcome.Cancelled, result.Outcome);
        Assert.Null(result.Graph);
    }
}
