using System.Reflection;
using LeakAgent.Agent.Detectors.Statics;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class AssemblyFilterTests
{
    [Theory]
    [InlineData("Shop.Api", "Shop.*", true)]
    [InlineData("shop.api", "Shop.*", true)]
    [InlineData("Shop", "Shop.*", false)]
    [InlineData("Shop.Api", "*.Api", true)]
    [InlineData("Shop.Api", "Sh?p.A*", true)]
    [InlineData("Shop.Api", "Shop", false)]
    public void Matches_Globs(string name, string pattern, bool expected)
    {
        Assert.Equal(expected, AssemblyFilter.Matches(name, pattern));
    }

    [Fact]
    public void Default_SkipsFrameworkAndAgent_ScansApp()
    {
        var filter = new AssemblyFilter([], []);

        Assert.False(filter.ShouldScan(typeof(object).Assembly));
        Assert.False(filter.ShouldScan(typeof(Uri).Assembly));
        Assert.False(filter.ShouldScan(typeof(AssemblyFilter).Assembly));
        Assert.True(filter.ShouldScan(typeof(AssemblyFilterTests).Assembly));
    }

    [Fact]
    public void IncludeReplacesDefault_ExcludeWins()
    {
        var include = new AssemblyFilter(["System.Private.*"], []);
        var exclude = new AssemblyFilter([], ["LeakAgent.Agent.Tests"]);

        Assert.True(include.ShouldScan(typeof(object).Assembly));
        Assert.False(include.ShouldScan(typeof(AssemblyFilterTests).Assembly));
        Assert.False(exclude.ShouldScan(typeof(AssemblyFilterTests).Assembly));
    }

    [Fact]
    public void CollectibleAssembly_IsNeverScanned()
    {
        var collectible = System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Plugin.Collectible"), System.Reflection.Emit.AssemblyBuilderAccess.RunAndCollect);

        Assert.False(new AssemblyFilter(["*"], []).ShouldScan(collectible));
    }
}
