using LeakAgent.Agent.Detectors.PendingTasks;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Tasks;

public sealed class OperationTrackerTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tracker_EndedOperations_AreNotPending_AndOldEnoughOnesAreByName()
    {
        var tracker = new OperationTracker(100);
        tracker.OpenWindow(s_t0);
        tracker.Begin(1, "Async: <SaveMemberAsync>d__1", s_t0);
        tracker.Begin(2, "Async: <SaveMemberAsync>d__1", s_t0.AddSeconds(1));
        tracker.Begin(3, "Async: <LoadAsync>d__0", s_t0.AddSeconds(1));
        tracker.End(3);

        var pending = tracker.Pending(s_t0.AddSeconds(61), TimeSpan.FromMinutes(1));

        var only = Assert.Single(pending);
        Assert.Equal("Async: <SaveMemberAsync>d__1", only.OperationName);
        Assert.Equal(2, only.Count);
        Assert.Equal(TimeSpan.FromSeconds(61), only.OldestAge);
    }

    [Fact]
    public void Tracker_CloseWindow_ForgetsOperationsStillYoung_KeepsOlderAndEarlierWindows()
    {
        var tracker = new OperationTracker(100);
        tracker.OpenWindow(s_t0);
        tracker.Begin(1, "old", s_t0);
        tracker.CloseWindow(s_t0.AddSeconds(3), TimeSpan.FromSeconds(1.5));
        tracker.OpenWindow(s_t0.AddMinutes(5));
        tracker.Begin(2, "kept", s_t0.AddMinutes(5));
        tracker.Begin(3, "in flight", s_t0.AddMinutes(5).AddSeconds(2.9));

        tracker.CloseWindow(s_t0.AddMinutes(5).AddSeconds(3), TimeSpan.FromSeconds(1.5));

        Assert.Equal(2, tracker.Count);
        Assert.DoesNotContain(tracker.Pending(s_t0.AddMinutes(10), TimeSpan.Zero), p => p.OperationName == "in flight");
    }

    [Fact]
    public void Tracker_AtCapacity_DropsNewOperationsAndCountsThem()
    {
        var tracker = new OperationTracker(2);
        tracker.Begin(1, "a", s_t0);
        tracker.Begin(2, "a", s_t0);
        tracker.Begin(3, "a", s_t0);

        Assert.Equal(2, tracker.Count);
        Assert.Equal(1, tracker.Dropped);
    }
}
