using LeakAgent.Detection.Dumps;
using Xunit;
using LeakAgent.Detection.Memory;

namespace LeakAgent.Agent.Tests.Dumps;

public sealed class MemorySafetyCheckTests
{
    private const long MB = 1024 * 1024;
    private const long NoMaxHeap = long.MaxValue;

    [Fact]
    public void Plan_512MBPodWithRoomForTheWalk_Proceeds_WithTheNativeRoomAsTheBuffer()
    {
        // The 512 MB case: a 150 MB heap of ~50 B objects (3M), 200 MB of the cgroup left. The old check
        // refused it ("needs 317 MB, more than half of 199.7 MB"); forced, it cost +65 MB and named the leak.
        var room = new MemoryRoom(150 * MB, 160 * MB, 384 * MB, new CgroupReading(512 * MB, 312 * MB, 1), null);

        var plan = MemorySafetyCheck.Plan(room, 150 * MB, averageObjectBytes: 100, NoMaxHeap, fixedBufferMB: null);

        Assert.True(plan.Decision.Allowed, plan.Decision.Reason);
        // The buffer is a cap the runtime fills on demand: 85% of the 200 MB left, whatever the estimate.
        Assert.Equal(170, plan.BufferSizeMB);
    }

    [Fact]
    public void Plan_GcLimitAboveTheCgroup_ChecksTheCgroup_NotTheGcLimit()
    {
        // DOTNET_GCHeapHardLimit=4GB in a 512 MB pod: the GC says 4 GB are available; the kernel kills at 512 MB.
        var room = new MemoryRoom(300 * MB, 320 * MB, 4096 * MB, new CgroupReading(512 * MB, 420 * MB, 1), null);

        var plan = MemorySafetyCheck.Plan(room, 300 * MB, averageObjectBytes: 48, NoMaxHeap, fixedBufferMB: null);

        Assert.Equal(DumpOutcomes.SkippedUnsafe, plan.Decision.Outcome);
        Assert.Contains("native memory", plan.Decision.Reason, StringComparison.Ordinal);
        Assert.Contains("cgroup limit of 512 MB", plan.Decision.Reason, StringComparison.Ordinal);
        Assert.True(plan.BufferSizeMB <= 92 * 85 / 100 + 1, $"buffer {plan.BufferSizeMB} MB must stay under the cgroup's room");
    }

    [Fact]
    public void Plan_ManagedRoomShort_SkipsForTheGraph()
    {
        // Plenty of native room (no cgroup, a big machine) but the GC heap limit is nearly reached.
        var room = new MemoryRoom(180 * MB, 185 * MB, 192 * MB, null, 20_000 * MB);

        var plan = MemorySafetyCheck.Plan(room, 180 * MB, averageObjectBytes: 48, NoMaxHeap, fixedBufferMB: null);

        Assert.Equal(DumpOutcomes.SkippedUnsafe, plan.Decision.Outcome);
        Assert.Contains("managed memory", plan.Decision.Reason, StringComparison.Ordinal);
        Assert.Contains("GC heap limit of 192 MB", plan.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LearnedObjectSize_ChangesTheVerdict()
    {
        // The same 200 MB heap: at 48 B/object (4.4M objects) the events do not fit 240 MB of room; at the 2 KB
        // sessions a previous walk measured (0.1M objects) they easily do.
        var room = new MemoryRoom(200 * MB, 210 * MB, 768 * MB, new CgroupReading(1024 * MB, 784 * MB, 2), null);

        Assert.False(MemorySafetyCheck.Plan(room, 200 * MB, 48, NoMaxHeap, null).Decision.Allowed);
        Assert.True(MemorySafetyCheck.Plan(room, 200 * MB, 2048, NoMaxHeap, null).Decision.Allowed);
    }

    [Fact]
    public void Plan_FixedBufferSetting_IsStillCappedByTheRoom()
    {
        var room = new MemoryRoom(10 * MB, 20 * MB, 192 * MB, new CgroupReading(256 * MB, 156 * MB, 1), null);

        var plan = MemorySafetyCheck.Plan(room, 10 * MB, 48, NoMaxHeap, fixedBufferMB: 1024);

        Assert.True(plan.Decision.Allowed, plan.Decision.Reason);
        Assert.Equal(85, plan.BufferSizeMB);
    }

    [Fact]
    public void Plan_HeapAboveMaxHeap_Skips()
    {
        var room = new MemoryRoom(5000 * MB, 5000 * MB, 65536 * MB, null, 60_000 * MB);

        var plan = MemorySafetyCheck.Plan(room, 5000 * MB, 48, 4096 * MB, null);

        Assert.Equal(DumpOutcomes.SkippedUnsafe, plan.Decision.Outcome);
        Assert.Contains("LEAKAGENT_DUMP_MAX_HEAP", plan.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckGraph_ExactCounts_RefuseWhatDoesNotFit_AndAllowWhatDoes()
    {
        var room = new MemoryRoom(100 * MB, 110 * MB, 192 * MB, new CgroupReading(256 * MB, 150 * MB, 1), null);

        Assert.Null(MemorySafetyCheck.CheckGraph(room, 1_000_000, 2_000_000)); // 36 MB of 82 MB left
        Assert.Contains("graph of 4,000,000 objects", MemorySafetyCheck.CheckGraph(room, 4_000_000, 8_000_000), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReport_ShortRoom_ReducesTheReport()
    {
        var room = new MemoryRoom(100 * MB, 150 * MB, 192 * MB, null, 10_000 * MB);

        Assert.Null(MemorySafetyCheck.CheckReport(room, 100_000, 200_000));
        Assert.Contains("retained sizes", MemorySafetyCheck.CheckReport(room, 2_000_000, 4_000_000), StringComparison.Ordinal);
    }

    [Fact]
    public void HeapCeiling_IsTheLowerOfTheGcLimitAndWhereTheCgroupFills()
    {
        // 4 GB GC limit, 512 MB cgroup with 60 MB of native memory beside a 300 MB committed heap: the heap can
        // grow to 452 MB before the kernel's limit, not to 4 GB.
        var hardLimitAbove = new MemoryRoom(290 * MB, 300 * MB, 4096 * MB, new CgroupReading(512 * MB, 360 * MB, 1), null);
        var defaultLimit = new MemoryRoom(100 * MB, 110 * MB, 192 * MB, new CgroupReading(256 * MB, 150 * MB, 1), null);

        Assert.Equal(452 * MB, hardLimitAbove.HeapCeilingBytes);
        Assert.Equal(192 * MB, defaultLimit.HeapCeilingBytes);
        Assert.Contains("cgroup limit", hardLimitAbove.Boundary, StringComparison.Ordinal);
        Assert.Contains("GC heap limit", defaultLimit.Boundary, StringComparison.Ordinal);
    }

    [Fact]
    public void WatchCheck_ParsingRoomShort_Skips()
    {
        Assert.True(MemorySafetyCheck.Check(10 * MB, 4096 * MB, NoMaxHeap).Allowed);
        Assert.Equal(DumpOutcomes.SkippedUnsafe, MemorySafetyCheck.Check(2048 * MB, 512 * MB, NoMaxHeap).Outcome);
    }
}
