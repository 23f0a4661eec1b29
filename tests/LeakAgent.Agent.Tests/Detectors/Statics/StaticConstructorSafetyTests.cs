using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

/// <summary>The scan must never be what runs a type's static constructor.</summary>
public sealed class StaticConstructorSafetyTests
{
    [Fact]
    public void Scan_WithRuntimeFlag_NeverRunsAnUnusedStaticConstructor()
    {
        // The marker path is per process and nothing else may run the constructor, so the file is never deleted
        // here: deleting it could hide a run by an earlier scan.
        var marker = SideEffectMarker.Path;
        var scanner = TestScanner.Create([]);

        var results = Enumerable.Range(0, 3).Select(_ => scanner.Scan()).ToList();

        Assert.False(File.Exists(marker), "the scan ran SideEffectOnInit's static constructor");
        var entry = scanner.Catalog.Find(typeof(SideEffectOnInit));
        Assert.NotNull(entry);
        Assert.Equal(TypeReadiness.NotYetInitialized, entry.LastReadiness);
        Assert.False(entry.Ready);
        Assert.All(results, r => Assert.True(r.TypesNotYetInitialized >= 1));
        Assert.All(results, r => Assert.Null(TestScanner.CountOf(r, "SideEffectOnInit.Items")));
    }

    [Fact]
    public void Scan_WithoutRuntimeFlag_ReadsOnlyTypesWithoutStaticConstructor()
    {
        // The marker path is per process and nothing else may run the constructor, so the file is never deleted
        // here: deleting it could hide a run by an earlier scan.
        var marker = SideEffectMarker.Path;
        _ = Validators.Name;
        var scanner = TestScanner.Create([], runtimeFlag: _ => null);

        var result = scanner.Scan();

        Assert.False(File.Exists(marker), "the fallback scan ran SideEffectOnInit's static constructor");
        Assert.Equal(TypeReadiness.Unknowable, scanner.Catalog.Find(typeof(SideEffectOnInit))!.LastReadiness);

        // Validators has a static constructor (its field initializer), so without the flag it is never read,
        // even though it did run.
        Assert.Equal(TypeReadiness.Unknowable, scanner.Catalog.Find(typeof(Validators))!.LastReadiness);
        Assert.Null(TestScanner.CountOf(result, "Validators.Name.SupportedExtensions"));
        Assert.True(result.TypesUnknowable >= 2);
    }

    [Fact]
    public void InitializationCheck_TypeWithoutStaticConstructor_IsReadyWithoutAskingTheRuntime()
    {
        var check = new TypeInitializationCheck(_ => throw new InvalidOperationException("must not be asked"));

        Assert.Null(typeof(NameValidator).TypeInitializer);
        Assert.Equal(TypeReadiness.Ready, check.Check(typeof(NameValidator)));
    }
}
