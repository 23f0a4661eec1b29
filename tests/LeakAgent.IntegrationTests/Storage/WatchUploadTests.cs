using System.Globalization;
using LeakAgent.IntegrationTests.Dumps;
using LeakAgent.IntegrationTests.Otlp;
using LeakAgent.IntegrationTests.Watch;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary><c>leakagent watch</c> uploads the dumps it takes of another process, as the agent does; against a real
/// Azurite on loopback.</summary>
public sealed class WatchUploadTests
{
    [StorageServerFact]
    public async Task Watch_UploadsItsDumpAndReport_ByteIdentical_AndCountsIt()
    {
        await using var azure = await AzuriteServer.StartAsync();
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var app = WatchSession.StartLeakingApp(environment: new Dictionary<string, string?> { ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=shop-pod-3" });
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        var environment = azure.Environment();
        environment["LEAKAGENT_DUMP_UPLOAD"] = $"azblob://{azure.Container}/sidecar";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: true, environment);

        Assert.True(await DumpTestSupport.WaitUntilAsync(() => session.Output.Contains("gcdump upload", StringComparison.Ordinal), TimeSpan.FromSeconds(150)),
            "no upload line; watch output:\n" + session.Output);
        var line = Assert.Single(DumpTestSupport.LinesWith(session.Output, "gcdump upload"));
        Assert.Contains($"process {pid}: gcdump uploaded: azblob://{azure.Container}/sidecar/SeedFireAndForget/", line, StringComparison.Ordinal);

        var dump = Assert.Single(Directory.GetFiles(session.Dumps, "*.gcdump"));
        var uploaded = UploadedDump.Read(dump);
        Assert.EndsWith($"-shop-pod-3-{pid}.gcdump", uploaded.DumpUrl, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(dump), await azure.ReadAsync(UploadedDump.KeyOf(uploaded.DumpUrl, azure.Container)));
        Assert.Equal(await File.ReadAllBytesAsync(uploaded.ReportPath), await azure.ReadAsync(UploadedDump.KeyOf(uploaded.ReportUrl, azure.Container)));

        var counted = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.upload" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "uploaded" && p.Attributes.GetValueOrDefault("process.pid") == pid), TimeSpan.FromSeconds(30));
        Assert.True(counted is not null, "no leakagent.gcdump.upload point for the target; output:\n" + session.Output);
    }
}
