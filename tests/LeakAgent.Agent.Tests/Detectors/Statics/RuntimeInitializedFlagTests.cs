using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class RuntimeInitializedFlagTests
{
    [Fact]
    public void SelfTest_PassesOnThisRuntime()
    {
        // The tests run on .NET 10, one of the runtimes whose MethodTable layout the reader was checked against.
        Assert.Equal(10, Environment.Version.Major);
        Assert.True(RuntimeInitializedFlag.Available, RuntimeInitializedFlag.Status);
        Assert.Contains("self-test passed", RuntimeInitializedFlag.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void IsInitialized_TellsRunFromNotRun()
    {
        _ = Outer.Inner.s_items;

        Assert.Equal(true, RuntimeInitializedFlag.IsInitialized(typeof(Outer.Inner)));
        Assert.Equal(false, RuntimeInitializedFlag.IsInitialized(typeof(SideEffectOnInit)));
        Assert.Null(RuntimeInitializedFlag.IsInitialized(typeof(List<>)));
    }
}
