using LeakAgent.IntegrationTests.Dumps;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// A store that is down or refuses the credentials costs the app nothing: one self-log line, a counted
/// <c>failed</c>, the dump and report kept on disk unmarked, and the app serving on. Real servers on loopback (s3rver
/// standing in for S3, Azurite); "down" is a loopback port nothing listens on.
/// </summary>
public sealed class UploadFailureTests : IDisposable
{
    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-upload-fail-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [StorageServerTheory]
    [InlineData("s3", "down")]
    [InlineData("s3", "refused")]
    [InlineData("azure", "down")]
    [InlineData("azure", "refused")]
    public async Task FailedUpload_OneLine_CountedFailed_DumpKept_AppServesOn(string store, string failure)
    {
        await using var s3 = store == "s3" && failure == "refused" ? await S3rverServer.StartAsync() : null;
        await using var azure = store == "azure" && failure == "refused" ? await AzuriteServer.StartAsync() : null;
        var downPort = StorageServers.FreePort();
        const string wrongAzureKey = "AAy8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = DumpTestSupport.Settings(receiver, _dumps);
        string secret;
        if (store == "s3")
        {
            settings["LEAKAGENT_DUMP_UPLOAD"] = "s3://dumps/leaks";
            settings["AWS_ACCESS_KEY_ID"] = failure == "refused" ? "AKIAUNKNOWNTOTHESERVER" : S3rverServer.AccessKeyId;
            settings["AWS_SECRET_ACCESS_KEY"] = secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
            settings["AWS_REGION"] = "us-east-1";
            settings["AWS_ENDPOINT_URL_S3"] = s3?.Endpoint ?? $"http://127.0.0.1:{downPort}";
        }
        else
        {
            settings["LEAKAGENT_DUMP_UPLOAD"] = "azblob://dumps/leaks";
            secret = failure == "refused" ? wrongAzureKey : AzuriteServer.AccountKey;
            settings["AZURE_STORAGE_CONNECTION_STRING"] = azure?.ConnectionString(wrongAzureKey)
                ?? $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.Account};AccountKey={secret};BlobEndpoint=http://127.0.0.1:{downPort}/{AzuriteServer.Account};";
        }

        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(DumpTestSupport.LeakingApp), ["--rate", "500", "--duration", "240"], settings);

        // A store that is down is tried three times with pauses (2 s, 8 s); refused credentials are not retried.
        Assert.True(await DumpTestSupport.WaitUntilAsync(() => app.StandardError.Contains("gcdump upload failed", StringComparison.Ordinal), TimeSpan.FromSeconds(150)),
            "no upload failure line; stderr:\n" + app.StandardError);
        var line = Assert.Single(DumpTestSupport.LinesWith(app.StandardError, "gcdump upload"));
        Assert.Contains(failure == "down" ? "(3 tries)" : "403", line, StringComparison.Ordinal);
        if (failure == "down")
        {
            Assert.Contains("Connection refused", line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("(not retried)", line, StringComparison.Ordinal);
        }

        // The dump and its report stay, complete and unmarked; the line says where.
        var dump = Assert.Single(Directory.GetFiles(_dumps, "*.gcdump"));
        Assert.True(File.Exists(Path.ChangeExtension(dump, ".json")));
        Assert.False(File.Exists(Path.Combine(_dumps, "." + Path.GetFileName(dump) + ".uploaded")));
        Assert.EndsWith("; the dump stays at " + dump, line, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, app.StandardError, StringComparison.Ordinal);

        var counted = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.upload" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "failed" && p.Value == 1), TimeSpan.FromSeconds(30));
        Assert.True(counted is not null, "no leakagent.gcdump.upload{outcome=failed}; stderr:\n" + app.StandardError);
        var span = await receiver.WaitForSpanAsync(s => s.Name == "leakagent.leak_alert" && s.Attributes.GetValueOrDefault("leakagent.outcome") == "written", TimeSpan.FromSeconds(30));
        Assert.NotNull(span);
        Assert.Equal("failed", span.Attributes["leakagent.gcdump.upload.outcome"]);
        Assert.False(span.Attributes.ContainsKey("leakagent.gcdump.url"));

        // The app is unaffected: alive, and still serving after the failure.
        var servedAtFailure = DumpTestSupport.ServedSoFar(app.StandardOutput);
        Assert.True(await DumpTestSupport.WaitUntilAsync(() => DumpTestSupport.ServedSoFar(app.StandardOutput) > servedAtFailure + 500, TimeSpan.FromSeconds(60)),
            "the app stopped serving after the failed upload; stdout:\n" + app.StandardOutput);
        Assert.False(app.HasExited);
    }
}
