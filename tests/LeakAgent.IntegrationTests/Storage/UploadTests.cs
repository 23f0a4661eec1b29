using LeakAgent.IntegrationTests.Dumps;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// A leaking sample's automatic dump and report arrive in object storage byte for byte, from inside the app, and the
/// CLI reads them back from the URL; against real servers on loopback: s3rver (standing in for S3) and Azurite.
/// </summary>
public sealed class UploadTests : IDisposable
{
    private const string Instance = "checkout-7d9f8-abcde";
    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-upload-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [StorageServerFact]
    public async Task S3_LeakingSampleDumpAndReport_ArriveByteIdentical_CliReadsThemFromTheUrl()
    {
        await using var s3 = await S3rverServer.StartAsync();
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = Settings(receiver, s3.Environment());
        settings["LEAKAGENT_DUMP_UPLOAD"] = $"s3://{s3.Bucket}/leaks";
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(DumpTestSupport.LeakingApp), ["--rate", "500", "--duration", "180"], settings);

        var uploaded = await WaitForUploadAsync(app);
        var key = UploadedDump.KeyOf(uploaded.DumpUrl, s3.Bucket);

        // Named by service, time, instance and pid under the prefix: a fleet's dumps sort and never collide.
        Assert.Matches($@"^leaks/{DumpTestSupport.LeakingApp}/\d{{8}}T\d{{6}}Z-{Instance}-{app.Id}\.gcdump$", key);
        Assert.Equal(await File.ReadAllBytesAsync(uploaded.DumpPath), await s3.ReadAsync(key));
        Assert.Equal(await File.ReadAllBytesAsync(uploaded.ReportPath), await s3.ReadAsync(UploadedDump.KeyOf(uploaded.ReportUrl, s3.Bucket)));
        Assert.True(File.Exists(Path.Combine(_dumps, "." + Path.GetFileName(uploaded.DumpPath) + ".uploaded")), "no uploaded marker beside the dump");

        // The SDK was loaded because an upload is configured: S3's only.
        var loaded = UploadedDump.StorageAssembliesLoaded(app.Id);
        Assert.Contains("AWSSDK.S3.dll", loaded);
        Assert.DoesNotContain(loaded, name => name.StartsWith("Azure.", StringComparison.Ordinal));

        await AssertTelemetryAsync(receiver, app, uploaded);

        // The CLI, with only the AWS SDK's standard variables, reads the dump straight from the bucket: the object, and
        // the newest dump under the service's folder.
        await AssertCliReadsAsync(["suspects", uploaded.DumpUrl], s3.Environment(), "Softwerkskammer.Members.MemberStore.SaveMemberAsync");
        await AssertCliReadsAsync(["report", $"s3://{s3.Bucket}/leaks/{DumpTestSupport.LeakingApp}/", "--top", "5"], s3.Environment(), Path.GetFileName(key));
    }

    [StorageServerFact]
    public async Task AzureBlob_LeakingSampleDumpAndReport_ArriveByteIdentical_CliReadsThemFromTheUrl()
    {
        await using var azure = await AzuriteServer.StartAsync();
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = Settings(receiver, azure.Environment());
        settings["LEAKAGENT_DUMP_UPLOAD"] = $"azblob://{azure.Container}/leaks";
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(DumpTestSupport.LeakingApp), ["--rate", "500", "--duration", "180"], settings);

        var uploaded = await WaitForUploadAsync(app);
        var name = UploadedDump.KeyOf(uploaded.DumpUrl, azure.Container);
        Assert.StartsWith($"azblob://{azure.Container}/leaks/{DumpTestSupport.LeakingApp}/", uploaded.DumpUrl, StringComparison.Ordinal);
        Assert.EndsWith($"-{Instance}-{app.Id}.gcdump", name, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(uploaded.DumpPath), await azure.ReadAsync(name));
        Assert.Equal(await File.ReadAllBytesAsync(uploaded.ReportPath), await azure.ReadAsync(UploadedDump.KeyOf(uploaded.ReportUrl, azure.Container)));

        var loaded = UploadedDump.StorageAssembliesLoaded(app.Id);
        Assert.Contains("Azure.Storage.Blobs.dll", loaded);
        Assert.DoesNotContain(loaded, assembly => assembly.StartsWith("AWSSDK.", StringComparison.Ordinal));

        await AssertTelemetryAsync(receiver, app, uploaded);
        await AssertCliReadsAsync(["suspects", uploaded.DumpUrl], azure.Environment(), "Softwerkskammer.Members.MemberStore.SaveMemberAsync");

        // The blob endpoint URL form reaches the same blob (http, so the connection string's key signs it).
        await AssertCliReadsAsync(["report", $"{azure.BlobEndpoint}/{azure.Container}/{name}", "--top", "3"], azure.Environment(), Path.GetFileName(name));
    }

    [StorageServerFact]
    public async Task NoUploadConfigured_NeitherSdkIsEverLoaded()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = DumpTestSupport.Settings(receiver, _dumps);
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(DumpTestSupport.LeakingApp), ["--rate", "500", "--duration", "180"], settings);

        // Even after a whole dump was written: nothing of either vendor is mapped into the process.
        var dump = await DumpTestSupport.WaitForFileAsync(_dumps, "*.json", TimeSpan.FromSeconds(90));
        Assert.True(dump is not null, "no dump was written; stderr:\n" + app.StandardError);
        Assert.Empty(UploadedDump.StorageAssemblyFilesLoaded(app.Id));
        Assert.DoesNotContain("gcdump upload", app.StandardError, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(OtlpTestReceiver receiver, Dictionary<string, string?> storage)
    {
        var settings = DumpTestSupport.Settings(receiver, _dumps);
        settings["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + Instance;
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<UploadedDump> WaitForUploadAsync(InstrumentedProcess app)
    {
        Assert.True(await DumpTestSupport.WaitUntilAsync(() => app.StandardError.Contains("gcdump uploaded: ", StringComparison.Ordinal) || app.StandardError.Contains("gcdump upload failed", StringComparison.Ordinal), TimeSpan.FromSeconds(120)),
            "no upload line; stderr:\n" + app.StandardError);
        var line = Assert.Single(DumpTestSupport.LinesWith(app.StandardError, "gcdump upload"));
        Assert.Contains("gcdump uploaded: ", line, StringComparison.Ordinal);
        var dump = Assert.Single(Directory.GetFiles(_dumps, "*.gcdump"));
        var uploaded = UploadedDump.Read(dump);
        Assert.Contains(uploaded.DumpUrl + " ", line, StringComparison.Ordinal);
        Assert.Contains("report " + uploaded.ReportUrl, line, StringComparison.Ordinal);
        return uploaded;
    }

    private static async Task AssertTelemetryAsync(OtlpTestReceiver receiver, InstrumentedProcess app, UploadedDump uploaded)
    {
        var counted = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.upload" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "uploaded" && p.Value == 1), TimeSpan.FromSeconds(30));
        Assert.True(counted is not null, "no leakagent.gcdump.upload{outcome=uploaded} point; stderr:\n" + app.StandardError);
        var span = await receiver.WaitForSpanAsync(s => s.Name == "leakagent.leak_alert" && s.Attributes.GetValueOrDefault("leakagent.outcome") == "written", TimeSpan.FromSeconds(30));
        Assert.True(span is not null, "no leak_alert span; stderr:\n" + app.StandardError);
        Assert.Equal(uploaded.DumpUrl, span.Attributes["leakagent.gcdump.url"]);
        Assert.Equal(uploaded.ReportUrl, span.Attributes["leakagent.gcdump.report_url"]);
        Assert.Equal("uploaded", span.Attributes["leakagent.gcdump.upload.outcome"]);
        Assert.Equal(uploaded.DumpPath, span.Attributes["leakagent.gcdump.path"]);
    }

    private static async Task AssertCliReadsAsync(string[] arguments, Dictionary<string, string?> environment, string expected)
    {
        using var cli = InstrumentedProcess.Start(RepoPaths.Cli, arguments, environment, withHook: false);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, $"leakagent {string.Join(' ', arguments)} failed:\n{cli.StandardError}");
        Assert.Contains(expected, cli.StandardOutput, StringComparison.Ordinal);
    }
}
