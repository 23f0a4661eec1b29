using LeakAgent.Cli.Watch.Targets;

namespace LeakAgent.Cli.Tests.Watch;

public class ServiceIdentityTests
{
    private static readonly Dictionary<string, string> s_none = [];

    [Fact]
    public void DotnetHostedApp_IsNamedAfterItsDll()
    {
        Assert.Equal("Shop.Api", ServiceIdentity.ServiceName("dotnet", ["dotnet", "exec", "--roll-forward", "Major", "/app/Shop.Api.dll", "--urls", "x"], s_none));
    }

    [Fact]
    public void AppHost_IsNamedAfterTheProcess()
    {
        Assert.Equal("Shop.Api", ServiceIdentity.ServiceName("Shop.Api", ["/app/Shop.Api", "--port", "80"], s_none));
    }

    [Fact]
    public void OtelServiceName_WinsOverResourceAttributesAndTheDll()
    {
        var environment = new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = " shop ", ["OTEL_RESOURCE_ATTRIBUTES"] = "service.name=other" };
        Assert.Equal("shop", ServiceIdentity.ServiceName("dotnet", ["dotnet", "app.dll"], environment));
        Assert.Equal("other", ServiceIdentity.ServiceName("dotnet", ["dotnet", "app.dll"], new Dictionary<string, string> { ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=prod, service.name=other" }));
    }

    [Fact]
    public void InstanceId_FromResourceAttributes_PercentDecoded_ElseHostColonPid()
    {
        var environment = new Dictionary<string, string> { ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=pod%2D1,k8s.pod.name=pod-1" };
        Assert.Equal("pod-1", ServiceIdentity.InstanceId(42, environment));
        Assert.Equal(Environment.MachineName + ":42", ServiceIdentity.InstanceId(42, s_none));
    }

    [Fact]
    public void Selector_ByName_MatchesProcessOrServiceName_NeverTheWatchItself()
    {
        var selector = TargetSelector.ForName("shop");
        Assert.True(selector.Matches(new TargetProcess(10, "dotnet", "Shop", "h:10")));
        Assert.True(selector.Matches(new TargetProcess(11, "shop", "x", "h:11")));
        Assert.False(selector.Matches(new TargetProcess(12, "dotnet", "billing", "h:12")));
        Assert.False(TargetSelector.ForAll().Matches(new TargetProcess(Environment.ProcessId, "dotnet", "shop", "h")));
        Assert.True(TargetSelector.ForIds([12]).Matches(new TargetProcess(12, "dotnet", "billing", "h:12")));
        Assert.False(TargetSelector.ForIds([12]).Matches(new TargetProcess(10, "dotnet", "shop", "h:10")));
    }
}
