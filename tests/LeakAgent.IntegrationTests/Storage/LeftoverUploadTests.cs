using LeakAgent.IntegrationTests.Dumps;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// A pod's container killed by its memory limit right after its dump never uploaded it; the next container of the
/// pod finds the dump on the shared volume and uploads it at start. With KEEP_LOCAL=false the local copy then goes,
/// and its marker stays (the count budget still holds). On every supported runtime, for both stores: the vendors' SDKs
/// load into the agent's private load context on .NET 8 to 11. Real s3rver (standing in for S3) and Azurite on loopback.
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

    [StorageServerTheory]
    [InlineData("net8.0", "s3")]
    [InlineData("net8.0", "azure")]
    [InlineData("net9.0", "s3")]
    [InlineData("net9.0", "azure")]
    [InlineData("net10.0", "s3")]
    [InlineData("net10.0", "azure")]
    [InlineData("net11.0", "s3")]
    [InlineData("net11.0", "azure")]
    public async Task DumpLeftByAKilledProcess_IsUploadedAtStart_ThenDeletedLocally(string runtime, string store)
    {
        await using var s3 = store == "s3" ? await S3rverServer.StartAsync() : null;
        await using var azure = store == "azure" ? await AzuriteServer.StartAsync() : null;
        Directory.CreateDirectory(_dumps);
        var fixture = Path.Combine(RepoPaths.Root, "tests", "fixtures", "seeds.gcdump");
        var leftover = Path.Combine(_dumps, "checkout-1-20261130T120000Z.gcdump");
        File.Copy(fixture, leftover);
        await File.WriteAllTextAsync(Path.ChangeExtension(leftover, ".json"), "{\"service\":\"checkout\"}\n");
        var otherService = Path.Combine(_dumps, "billing-1-20261130T110000Z.gcdump");
        File.Copy(fixture, otherService);

        var settings = s3?.Environment() ?? azure!.Environment();
        var root = s3 is not null ? $"s3://{s3.Bucket}" : $"azblob://{azure!.Container}";
        settings["OTEL_SERVICE_NAME"] = "checkout";
        settings["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=checkout-pod-0";
        settings["LEAKAGENT_DUMP_DIR"] = _dumps;
        settings["LEAKAGENT_DUMP_UPLOAD"] = root + "/leaks";
        settings["LEAKAGENT_DUMP_UPLOAD_KEEP_LOCAL"] = "false";
        var hello = runtime == "net10.0"
            ? RepoPaths.SampleDll("HelloWorld")
            : Path.Combine(RepoPaths.Root, "artifacts", "samples", "HelloWorld-" + runtime, "HelloWorld");
        Assert.True(File.Exists(hello), $"{hello} is missing: run ./build.sh");
        using var app = InstrumentedProcess.Start(hello, ["--until-input-closes"], settings);

        Assert.True(await DumpTestSupport.WaitUntilAsync(() => app.StandardError.Contains("gcdump upload", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "no upload line; stderr:\n" + app.StandardError);
        var line = Assert.Single(DumpTestSupport.LinesWith(app.StandardError, "gcdump upload"));
        const string key = "leaks/checkout/20261130T120000Z-checkout-pod-0-1.gcdump";
        Assert.Contains($"gcdump uploaded: {root}/{key} ", line, StringComparison.Ordinal);
        Assert.EndsWith("; local copy deleted (left by an earlier process)", line, StringComparison.Ordinal);

        Func<string, Task<byte[]>> read = s3 is not null ? s3.ReadAsync : azure!.ReadAsync;
        Assert.Equal(await File.ReadAllBytesAsync(fixture), await read(key));
        Assert.Equal("{\"service\":\"checkout\"}\n", System.Text.Encoding.UTF8.GetString(await read(Path.ChangeExtension(key, ".json"))));

        // Gone locally, remembered by its marker; another service's dump is not ours to upload.
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(Path.ChangeExtension(leftover, ".json")));
        Assert.Equal($"{root}/{key}\n", await File.ReadAllTextAsync(Path.Combine(_dumps, "." + Path.GetFileName(leftover) + ".uploaded")));
        Assert.True(File.Exists(otherService));
        Assert.False(File.Exists(Path.Combine(_dumps, "." + Path.GetFileName(otherService) + ".uploaded")));

        app.CloseInput();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
