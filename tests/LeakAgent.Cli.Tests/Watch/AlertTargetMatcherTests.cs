using LeakAgent.Cli.Watch.Alerts;
using LeakAgent.Cli.Watch.Targets;

namespace LeakAgent.Cli.Tests.Watch;

public class AlertTargetMatcherTests
{
    private static readonly TargetProcess s_shopA = new(101, "dotnet", "shop", "pod-1:101");
    private static readonly TargetProcess s_shopB = new(102, "dotnet", "shop", "pod-1:102");
    private static readonly TargetProcess s_billing = new(200, "Billing", "billing", "billing-7");
    private static readonly TargetProcess[] s_targets = [s_shopA, s_shopB, s_billing];

    [Theory]
    [InlineData("pid")]
    [InlineData("process_pid")]
    public void PidLabel_MatchesExactlyThatProcess(string label)
    {
        var matched = Match((label, "102"), ("job", "billing"));

        Assert.Equal([102], matched);
    }

    [Fact]
    public void PidLabel_OfAProcessNotWatched_MatchesNothing_EvenWhenTheServiceWouldMatch()
    {
        Assert.Empty(Match(("process_pid", "999"), ("service_name", "shop")));
        Assert.Empty(Match(("pid", "abc"), ("service_name", "shop")));
    }

    [Fact]
    public void InstanceLabel_MatchesServiceInstanceId()
    {
        Assert.Equal([101], Match(("instance", "pod-1:101"), ("job", "shop")));
        Assert.Equal([200], Match(("service_instance_id", "billing-7")));
    }

    [Fact]
    public void InstanceLabel_ThatIsNoTarget_FallsBackToTheServiceName()
    {
        // A scrape's instance is often the collector's address: the job still names the service.
        Assert.Equal([101, 102], Match(("instance", "otel-collector:8889"), ("job", "shop")));
    }

    [Theory]
    [InlineData("leakagent_target_service")]
    [InlineData("service_name")]
    [InlineData("job")]
    public void ServiceLabel_MatchesEveryProcessOfThatService(string label)
    {
        Assert.Equal([101, 102], Match((label, "shop")));
    }

    [Fact]
    public void ServiceLabel_IsCaseSensitive_AsPrometheusLabelsAre()
    {
        Assert.Empty(Match(("job", "Shop")));
    }

    [Fact]
    public void NoIdentifyingLabel_MatchesNothing()
    {
        Assert.Empty(Match(("alertname", "LeakAgentHeapGrowing"), ("severity", "warning")));
    }

    private static int[] Match(params (string Name, string Value)[] labels) =>
        AlertTargetMatcher.Match(labels.ToDictionary(l => l.Name, l => l.Value), s_targets).Select(t => t.ProcessId).Order().ToArray();
}
