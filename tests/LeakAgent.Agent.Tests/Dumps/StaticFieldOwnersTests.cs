using Xunit;
using LeakAgent.Agent.Dumps;

namespace LeakAgent.Agent.Tests.Dumps;

public sealed class StaticFieldOwnersTests
{
    private static readonly StaticFieldOwners s_owners = StaticFieldOwners.From([typeof(StaticFieldOwnersTests).Assembly]);

    [Fact]
    public void AutoPropertyBackingField_IsNamedByItsDeclaringTypeAndProperty()
    {
        // The runtime reports the field's type (OwnerFixtures.Validator), not the declaring type; nested types keep
        // the gcdump form's "+".
        var name = s_owners.Name("LeakAgent.Agent.Tests.Dumps.OwnerFixtures.Validator", "<UniqueCachedValidator>k__BackingField");
        Assert.Equal(new("LeakAgent.Agent.Tests.Dumps.OwnerFixtures+Registry", "UniqueCachedValidator"), name);
    }

    [Fact]
    public void SameFieldNameInTwoTypes_TheReportedFieldTypeDecides()
    {
        var list = s_owners.Name("System.Collections.Generic.List<System.String>", "s_sharedFieldName");
        var queue = s_owners.Name("System.Collections.Generic.Queue<System.Int32>", "s_sharedFieldName");
        Assert.Equal("LeakAgent.Agent.Tests.Dumps.OwnerFixtures+ListHolder", list?.TypeName);
        Assert.Equal("LeakAgent.Agent.Tests.Dumps.OwnerFixtures+QueueHolder", queue?.TypeName);
    }

    [Fact]
    public void LazyNamer_IndexesTheLoadedAssembliesOnFirstUse()
    {
        var namer = StaticFieldOwners.LazyNamer();

        var name = namer("LeakAgent.Agent.Tests.Dumps.OwnerFixtures+Validator", "<UniqueCachedValidator>k__BackingField");
        Assert.Equal(new("LeakAgent.Agent.Tests.Dumps.OwnerFixtures+Registry", "UniqueCachedValidator"), name);
    }

    [Fact]
    public void StillAmbiguousOrUnknown_KeepsTheRuntimeName()
    {
        Assert.Null(s_owners.Name("System.Object", "s_ambiguousObject"));
        Assert.Null(s_owners.Name("System.String", "s_noSuchFieldAnywhere_9f1c"));
    }
}

#pragma warning disable CA1812, CS0169, IDE0051, CA1823, IDE0044 // Types and fields exist only to be reflected over.
internal static class OwnerFixtures
{
    internal sealed class Validator;

    internal static class Registry
    {
        public static Validator UniqueCachedValidator { get; } = new();
    }

    internal static class ListHolder
    {
        private static List<string>? s_sharedFieldName;
        private static object? s_ambiguousObject;
    }

    internal static class QueueHolder
    {
        private static Queue<int>? s_sharedFieldName;
        private static object? s_ambiguousObject;
    }
}
