using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Graph;

public class TypeNameFormatterTests
{
    [Theory]
    [InlineData("System.Collections.Generic.List`1[System.String]", "System.Collections.Generic.List<System.String>")]
    [InlineData("System.Collections.Generic.List`1[[System.String, System.Private.CoreLib, Version=10.0.0.0, Culture=neutral]]", "System.Collections.Generic.List<System.String>")]
    [InlineData("Entry`2[System.String,System.Object][]", "Entry<System.String,System.Object>[]")]
    [InlineData("System.Collections.Generic.Dictionary`2[[System.String, A],[System.Object, B]]", "System.Collections.Generic.Dictionary<System.String,System.Object>")]
    [InlineData("AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,LeakFixture.MemberStore+<SaveMemberAsync>d__1]", "AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,LeakFixture.MemberStore+<SaveMemberAsync>d__1>")]
    [InlineData("<>c", "[]c")]
    [InlineData("System.String[,]", "System.String<,>")]
    [InlineData("System.Func`1[System.String[]]", "System.Func<System.String[]>")]
    public void Format_RuntimeNames_GiveTheGcDumpForm(string runtime, string expected) =>
        Assert.Equal(expected, TypeNameFormatter.Format(runtime));

    [Theory]
    [InlineData(1000, "")]
    [InlineData(1001, " (Bytes > 1K)")]
    [InlineData(10_000, " (Bytes > 10K)")]
    [InlineData(524_312, " (Bytes > 100K)")]
    [InlineData(1_000_000, " (Bytes > 1M)")]
    [InlineData(99_999_999, " (Bytes > 10M)")]
    [InlineData(3_000_000_000, " (Bytes > 100M)")]
    public void SizeSuffix_FollowsUpstreamBuckets(long size, string suffix) => Assert.Equal(suffix, TypeNameFormatter.SizeSuffix(size));
}
