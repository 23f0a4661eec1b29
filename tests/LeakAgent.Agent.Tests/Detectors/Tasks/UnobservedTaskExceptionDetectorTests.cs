using LeakAgent.Agent.Detectors.UnobservedTasks;
using LeakAgent.Agent.Telemetry;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Tasks;

public sealed class UnobservedTaskExceptionDetectorTests
{
    [Fact]
    public void Record_CountsEachInnerExceptionByType_AndDescribesThem()
    {
        using var telemetry = new AgentTelemetry();
        using var detector = new UnobservedTaskExceptionDetector(telemetry);

        detector.Record(new AggregateException(new TimeoutException(), new TimeoutException()));
        detector.Record(new AggregateException(new AggregateException(new InvalidOperationException())));

        Assert.Equal([("System.TimeoutException", 2L), ("System.InvalidOperationException", 1L)], detector.Totals());
        var clauses = new List<string>();
        detector.Describe(clauses);
        Assert.Equal(["2 unobserved TimeoutException", "1 unobserved InvalidOperationException"], clauses);
    }

    [Fact]
    public void BoundedNames_PastTheLimit_MapsNewValuesToOther()
    {
        var names = new BoundedNames(2);

        Assert.Equal("a", names.Map("a"));
        Assert.Equal("b", names.Map("b"));
        Assert.Equal("other", names.Map("c"));
        Assert.Equal("a", names.Map("a"));
    }
}
