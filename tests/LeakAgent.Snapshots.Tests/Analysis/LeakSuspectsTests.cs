using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Tests.Format;

namespace LeakAgent.Snapshots.Tests.Analysis;

public class LeakSuspectsTests
{
    private static readonly Lazy<LeakSuspectReport> s_report = new(() => LeakSuspects.Analyze(GcDumpReaderTests.Seeds.Graph));

    [Fact]
    public void Analyze_Seeds_TopRetainerIsTheCachedValidatorWithPathDownToTheArray()
    {
        var top = Assert.Single(s_report.Value.Retainers.Take(3), r => r.Title == "[static var LeakFixture.NameValidator.Name]");
        Assert.Equal("[static var LeakFixture.NameValidator.Name]", top.Title);
        Assert.Equal("LeakFixture.NameValidator", top.TypeName);
        Assert.Equal("System.String[] (Bytes > 100K)", top.AccumulationType);
        Assert.InRange(top.RetainedBytes, 524_312 + 32 + 24, 600_000);
        Assert.InRange(top.HeapShare, 0.34, 0.40);
        Assert.Equal(
            "[static vars] → [static var LeakFixture.NameValidator.Name] → LeakFixture.NameValidator → " +
            "System.Collections.Generic.List<System.String> → System.String[] (Bytes > 100K)",
            top.Path.ToString());
    }

    [Fact]
    public void Analyze_Seeds_GroupsTheSaveMemberAsyncStateMachinesWithTheMembersTheyRetain()
    {
        var group = Assert.Single(s_report.Value.PendingAsync);
        Assert.Equal("LeakFixture.MemberStore.SaveMemberAsync", group.Method);
        Assert.Equal("LeakFixture.MemberStore+<SaveMemberAsync>d__1", group.StateMachineType);
        Assert.Equal(2000, group.Count);
        Assert.Equal(2000 * 104, group.Bytes);
        // All 2,000 Members are referenced by the boxes; one is also on Main's stack, so the boxes alone retain 1,999.
        Assert.Equal(2000, Assert.Single(group.TopReachableTypes, t => t.TypeName == "LeakFixture.Member").Count);
        Assert.Equal(1999, Assert.Single(group.TopRetainedTypes, t => t.TypeName == "LeakFixture.Member").Count);
        Assert.Equal(1999, Assert.Single(group.TopRetainedTypes, t => t.TypeName == "System.Byte[]").Count);
        // Each box retains itself, a Member (32), its 280-byte avatar and its nickname string.
        Assert.True(group.RetainedBytes >= 1999L * (104 + 32 + 280), $"retained {group.RetainedBytes}");
    }

    [Fact]
    public void Analyze_Seeds_TopRetainerIsTheGateTaskHoldingThePendingContinuations()
    {
        // The Gate task is reachable from a stack slot and the static TCS; its shortest path is the stack's.
        var top = s_report.Value.Retainers[0];
        Assert.Equal("System.Threading.Tasks.Task (via [local vars])", top.Title);
        Assert.Equal("System.Threading.Tasks.Task", top.TypeName);
        Assert.True(top.RetainedBytes > 2000L * 104);
    }

    [Fact]
    public void Analyze_WithBaseline_RanksTheGrowingAsyncMethodAndReportsGrowth()
    {
        var seeds = GcDumpReaderTests.Seeds.Graph;
        var report = LeakSuspects.Analyze(seeds, baseline: seeds);
        Assert.Equal(0, report.PendingAsync[0].CountDelta);
        Assert.All(report.Growth, g => Assert.Equal(0, g.BytesDelta));
        Assert.Equal(report.Retainers[0].RetainedBytes, report.Retainers[0].BaselineRetainedBytes);
    }
}
