using Xunit;
using LeakAgent.Agent.Detectors.Heap;

namespace LeakAgent.Agent.Tests.Detectors.Heap;

public sealed class HeapFloorSamplerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachFullGcIsSampledOnce()
    {
        var latest = (Index: 1L, Live: 100L);
        var sampler = new HeapFloorSampler(() => latest);

        Assert.True(sampler.TryReadNew(s_now, out var first));
        Assert.Equal(100, first.LiveBytes);
        Assert.False(sampler.TryReadNew(s_now, out _));

        latest = (2, 150);
        Assert.True(sampler.TryReadNew(s_now, out var second));
        Assert.Equal(150, second.LiveBytes);
    }

    [Fact]
    public void FullGcsWhilePaused_AreNeverSampled_EvenIfTheyAreTheLatestAtResume()
    {
        var latest = (Index: 1L, Live: 100L);
        var sampler = new HeapFloorSampler(() => latest);
        Assert.True(sampler.TryReadNew(s_now, out _));

        sampler.Pause();
        latest = (2, 900); // the snapshot's own induced GC, with the session and parser live
        Assert.False(sampler.TryReadNew(s_now, out _));
        latest = (3, 800); // not polled before the resume
        sampler.Resume();
        Assert.False(sampler.TryReadNew(s_now, out _));

        latest = (4, 120); // the app's next own full GC
        Assert.True(sampler.TryReadNew(s_now, out var next));
        Assert.Equal(120, next.LiveBytes);
    }
}
