using LeakAgent.IntegrationTests.Dumps;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// A pod's container killed by its memory limit right after its dump never uploaded it; the next container of the
/// pod finds the dump on the shared volume and uploads it at start. With KEEP_LOCAL=false the local copy then goes,
/// and its marker stays (the count budget still holds). Real s3rver on loopback, standing in for S3.
/// </summary>
public sealed class LeftoverUploadTests : IDisposable
{
    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-leftover-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [StorageServerFact]
    public async Task DumpLeftByAKilledProcess_IsUploadedAtStart_ThenDeletedLocally()
    {
        await using var s3 = await S3rverServer.StartAsync();
        Directory.CreateDirectory(_dumps);
        var fixture = Path.Combine(RepoPaths.Root, "tests", "fixtures", "seeds.gcdump");
        var leftover = Path.Combine(_dumps, "checkout-1-20261130T120000Z.gcdump");
        File.Copy(fixture, leftover);
        await File.WriteAllTextAsync(Path.ChangeExtension(leftover, ".json"), "{\"service\":\"checkout\"}\n");
        var otherService = Path.Combine(_dumps, "billing-1-20261130T110000Z.gcdump");
        File.Copy(fixture, otherService);

        var settings = s3.Environment();
        settings["OTEL_SERVICE_NAME"] = "checkout";
        settings["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=checkout-pod-0";
        settings["LEAKAGENT_DUMP_DIR"] = _dumps;
        settings["LEAKAGENT_DUMP_UPLOAD"] = $"s3://{s3.Bucket}/leaks";
        settings["LEAKAGENT_DUMP_UPLOAD_KEEP_LOCAL"] = "false";
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["--until-input-closes"], settings);

        Assert.True(await DumpTestSupport.WaitUntilAsync(() => app.StandardError.Contains("gcdump upload", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "no upload line; stderr:\n" + app.StandardError);
        var line = Assert.Single(DumpTestSupport.LinesWith(app.StandardError, "gcdump upload"));
        const string key = "leaks/checkout/20261130T120000Z-checkout-pod-0-1.gcdump";
        Assert.Contains($"gcdump uploaded: s3://{s3.Bucket}/{key} ", line, StringComparison.Ordinal);
        Assert.EndsWith("; local copy deleted (left by an earlier process)", line, StringComparison.Ordinal);

        Assert.Equal(await File.ReadAllBytesAsync(fixture), await s3.ReadAsync(key));
        Assert.Equal("{\"service\":\"checkout\"}\n", System.Text.Encoding.UTF8.GetString(await s3.ReadAsync(Path.ChangeExtension(key, ".json"))));

        // Gone locally, remembered by its marker; another service's dump is not ours to upload.
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(Path.ChangeExtension(leftover, ".json")));
        Assert.Equal($"s3://{s3.Bucket}/{key}\n", await File.ReadAllTextAsync(Path.Combine(_dumps, "." + Path.GetFileName(leftover) + ".uploaded")));
        Assert.True(File.Exists(otherService));
        Assert.False(File.Exists(Path.Combine(_dumps, "." + Path.GetFileName(otherService) + ".uploaded")));

        app.CloseInput();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
