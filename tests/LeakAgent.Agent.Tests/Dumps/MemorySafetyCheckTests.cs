using LeakAgent.Agent.Dumps;
using Xunit;
using LeakAgent.Detection.Dumps;

namespace LeakAgent.Agent.Tests.Dumps;

public sealed class MemorySafetyCheckTests
{
    private const long MB = 1024 * 1024;
    private const long NoMaxHeap = long.MaxValue;

    [Fact]
    public void PlentyOfRoom_Proceeds()
    {
        var decision = MemorySafetyCheck.Check(new MemoryFacts(HeapSizeBytes: 10 * MB, TotalAvailableBytes: 8192 * MB, MemoryLoadBytes: 2048 * MB, CommittedBytes: 20 * MB), NoMaxHeap);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void ContainerNearlyFull_SkipsUnsafe_NamingTheRoomLeft()
    {
        // 10 MB heap costs ~51 MB; 512 MB limit with 450 MB used leaves 62 MB, half of which is too little.
        var decision = MemorySafetyCheck.Check(new MemoryFacts(10 * MB, 512 * MB, 450 * MB, 20 * MB), NoMaxHeap);
        Assert.False(decision.Allowed);
        Assert.Equal(DumpOutcomes.SkippedUnsafe, decision.Outcome);
        Assert.Contains("62 MB still available", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HeapHardLimit_UsesTheLimitMinusCommitted_NotANegativeFigure()
    {
        // A 24 MB GC heap hard limit on a machine with 1.4 GB in use: load > total. The room is 24 - 12 = 12 MB.
        var tight = MemorySafetyCheck.Check(new MemoryFacts(10 * MB, 24 * MB, 1400 * MB, 12 * MB), NoMaxHeap);
        Assert.False(tight.Allowed);
        Assert.Contains("12 MB left under the GC heap limit of 24 MB", tight.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("-", tight.Reason, StringComparison.Ordinal);

        // A 1 GB limit with 100 MB committed has room for a 10 MB heap's snapshot whatever the machine's load.
        var roomy = MemorySafetyCheck.Check(new MemoryFacts(10 * MB, 1024 * MB, 1400 * MB, 100 * MB), NoMaxHeap);
        Assert.True(roomy.Allowed);
    }

    [Fact]
    public void HeapAboveMaxHeap_SkipsUnsafe()
    {
        var decision = MemorySafetyCheck.Check(new MemoryFacts(5000 * MB, 65536 * MB, 0, 5000 * MB), 4096 * MB);
        Assert.Equal(DumpOutcomes.SkippedUnsafe, decision.Outcome);
        Assert.Contains("LEAKAGENT_DUMP_MAX_HEAP", decision.Reason, StringComparison.Ordinal);
    }
}
