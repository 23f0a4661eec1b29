using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class StaticFieldScannerTests
{
    [Fact]
    public void Scan_SeedTwoShape_NamesPathThroughBackingFields()
    {
        Validators.Name.SupportedExtensions.Add(".pdf");
        var scanner = TestScanner.Create([]);

        var result = scanner.Scan();

        var measured = result.Measurements.Single(m => m.Path == TestScanner.Prefix + "Validators.Name.SupportedExtensions");
        Assert.True(measured.Count >= 1);
        Assert.Equal("Validators.Name.SupportedExtensions", measured.Path[measured.DisplayStart..]);
        Assert.Equal(CountKind.Collection, measured.Kind);
    }

    [Fact]
    public void Scan_NestedType_UsesDotsAndCountsDictionary()
    {
        _ = Outer.Inner.s_items.Count;

        var result = TestScanner.Create([]).Scan();

        Assert.Equal(2, TestScanner.CountOf(result, "Outer.Inner.s_items"));
    }

    [Fact]
    public void Scan_FollowsFieldsDownToDepth_AndNoFurther()
    {
        _ = DeepRoot.Root;

        var depth2 = TestScanner.Create([], depth: 2).Scan();
        var depth1 = TestScanner.Create([], depth: 1).Scan();
        var depth0 = TestScanner.Create([], depth: 0).Scan();

        Assert.Equal(2, TestScanner.CountOf(depth2, "DeepRoot.Root.Cache.Entries"));
        Assert.Equal(4, TestScanner.CountOf(depth2, "DeepRoot.Root.Numbers"));
        Assert.Null(TestScanner.CountOf(depth1, "DeepRoot.Root.Cache.Entries"));
        Assert.Equal(4, TestScanner.CountOf(depth1, "DeepRoot.Root.Numbers"));
        Assert.Null(TestScanner.CountOf(depth0, "DeepRoot.Root.Numbers"));
    }

    [Fact]
    public void Scan_CycleAndDeepSettings_VisitsEachObjectOnce()
    {
        _ = DeepRoot.Root;

        var result = TestScanner.Create([], depth: 5).Scan();

        // Root.Self points back at Root: measured under one path only.
        Assert.Single(result.Measurements, m => m.Path.EndsWith(".Cache.Entries", StringComparison.Ordinal) && m.Path.Contains("DeepRoot", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Measurements, m => m.Path.Contains(".Self.", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_StaticEvent_CountsSubscribers()
    {
        DeepRoot.Subscribe((_, _) => { });
        DeepRoot.Subscribe((_, _) => { });
        DeepRoot.Subscribe((_, _) => { });

        var result = TestScanner.Create([]).Scan();

        var subscribers = result.Measurements.Single(m => m.Path == TestScanner.Prefix + "DeepRoot.Changed");
        Assert.Equal(CountKind.Delegate, subscribers.Kind);
        Assert.True(subscribers.Count >= 3);
    }

    [Fact]
    public void Scan_ObjectBudget_StopsEarlyAndSaysSoOnce()
    {
        _ = DeepRoot.Root;
        _ = Validators.Name;
        var log = new List<string>();
        var scanner = TestScanner.Create(log, maxObjects: 1);

        var first = scanner.Scan();
        scanner.Scan();

        Assert.True(first.BudgetExhausted);
        Assert.True(first.ObjectsVisited <= 1);
        Assert.Single(log, l => l.Contains("stopped after", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_CountThrowsOrIsNegative_SkipsThosePathsLogsOnceAndMeasuresTheRest()
    {
        _ = FaultyStatics.Healthy;
        var log = new List<string>();
        var scanner = TestScanner.Create(log);

        var results = Enumerable.Range(0, 3).Select(_ => scanner.Scan()).ToList();

        foreach (var result in results)
        {
            Assert.Equal(3, TestScanner.CountOf(result, "FaultyStatics.Healthy"));
            Assert.Null(TestScanner.CountOf(result, "FaultyStatics.Broken"));
            Assert.Null(TestScanner.CountOf(result, "FaultyStatics.Weird"));
        }

        var broken = log.Where(l => l.Contains("FaultyStatics.Broken", StringComparison.Ordinal)).ToList();
        var weird = log.Where(l => l.Contains("FaultyStatics.Weird", StringComparison.Ordinal)).ToList();
        Assert.Single(broken);
        Assert.Contains("InvalidOperationException: collection is busy", broken[0], StringComparison.Ordinal);
        Assert.Single(weird);
        Assert.Contains("returned -5", weird[0], StringComparison.Ordinal);
    }
}
