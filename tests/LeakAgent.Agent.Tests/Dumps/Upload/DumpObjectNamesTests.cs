using Xunit;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Storage;

namespace LeakAgent.Agent.Tests.Dumps.Upload;

public sealed class DumpObjectNamesTests
{
    private static readonly StorageLocation s_destination = new(StorageKind.S3, "dumps", "prod/leaks");

    [Fact]
    public void Names_ServiceFolder_ThenTimeInstancePid_SoAFleetSortsAndNeverCollides()
    {
        var (dump, report) = DumpObjectNames.For(s_destination, "/tmp/leakagent/checkout-1-20261201T101500Z.gcdump", "checkout", "checkout-7d9f8-abcde");
        Assert.Equal("s3://dumps/prod/leaks/checkout/20261201T101500Z-checkout-7d9f8-abcde-1.gcdump", dump.Url);
        Assert.Equal("s3://dumps/prod/leaks/checkout/20261201T101500Z-checkout-7d9f8-abcde-1.json", report.Url);

        // Two pods, both pid 1, the same second: two names.
        var other = DumpObjectNames.For(s_destination, "/tmp/leakagent/checkout-1-20261201T101500Z.gcdump", "checkout", "checkout-7d9f8-fghij");
        Assert.NotEqual(dump.Key, other.Dump.Key);
    }

    [Fact]
    public void UnsafeCharacters_InServiceOrInstance_BecomeUnderscores()
    {
        var (dump, _) = DumpObjectNames.For(s_destination, "/d/my_svc-42-20261201T101500Z.gcdump", "my svc/../x", "host:42");
        Assert.Equal("prod/leaks/my_svc_.._x/20261201T101500Z-host_42-42.gcdump", dump.Key);
    }

    [Fact]
    public void Instance_IsTheResourceAttribute_ElseTheHost()
    {
        Assert.Equal("pod-a", DumpObjectNames.Instance(new Dictionary<string, string?> { ["OTEL_RESOURCE_ATTRIBUTES"] = "service.namespace=shop,service.instance.id=pod%2Da" }));
        Assert.Equal(Environment.MachineName, DumpObjectNames.Instance(new Dictionary<string, string?>()));
    }
}
