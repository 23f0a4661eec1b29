using Xunit;
using LeakAgent.Agent.Tests.Infrastructure;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Storage;

namespace LeakAgent.Agent.Tests.Dumps.Upload;

/// <summary>
/// The uploader's rules: tries and pauses, what ends at once, the marker, keeping or deleting the local copy. The
/// store is a scripted stand-in here because a real server cannot be made to fail on cue; the integration tests
/// (tests/LeakAgent.IntegrationTests/Storage) run the same paths against real s3rver and Azurite.
/// </summary>
public sealed class DumpUploaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leakagent-uploader-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();

    public DumpUploaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StoreDownTwice_ThenUp_UploadsOnTheThirdTry_AfterBackingOff()
    {
        var store = new ScriptedStore(retryableFailures: 2);
        var dump = WriteDump();
        var start = _clock.GetUtcNow();

        var result = await RunAsync(Uploader(store), dump);

        Assert.Equal(UploadOutcomes.Uploaded, result.Outcome);
        Assert.Contains(", try 3)", result.Line, StringComparison.Ordinal);
        Assert.Equal("s3://dumps/leaks/svc/20261201T101500Z-pod-7.gcdump", result.DumpUrl);
        Assert.Equal("s3://dumps/leaks/svc/20261201T101500Z-pod-7.json", result.ReportUrl);

        // Pauses of 2 s and 8 s, each ±20%, on the clock the uploader was given.
        var waited = _clock.GetUtcNow() - start;
        Assert.InRange(waited.TotalSeconds, 8, 13);
        Assert.Equal("s3://dumps/leaks/svc/20261201T101500Z-pod-7.gcdump\n", File.ReadAllText(DumpStore.UploadedMarkerPath(dump)));
        Assert.True(File.Exists(dump), "the local copy is kept by default");
        Assert.Equal((1, 1000L), new DumpStore(_directory).Usage());

        // The report goes before the dump: a dump in the bucket never lacks the report that explains it.
        Assert.Equal(["svc/20261201T101500Z-pod-7.json", "svc/20261201T101500Z-pod-7.gcdump"], store.Stored.Select(k => k["leaks/".Length..]).ToArray());
    }

    [Fact]
    public async Task RefusedCredentials_EndAtOnce_Failed_DumpKeptUnmarked()
    {
        var store = new ScriptedStore(refuse: true);
        var dump = WriteDump();

        var result = await RunAsync(Uploader(store), dump);

        Assert.Equal(UploadOutcomes.Failed, result.Outcome);
        Assert.Equal(1, store.Tries);
        Assert.StartsWith("gcdump upload failed: upload to s3://dumps/leaks/svc/20261201T101500Z-pod-7.json: HTTP 403 AccessDenied (not retried); the dump stays at " + dump, result.Line, StringComparison.Ordinal);
        Assert.True(File.Exists(dump));
        Assert.False(File.Exists(DumpStore.UploadedMarkerPath(dump)));
    }

    [Fact]
    public async Task StoreDownThroughEveryTry_Failed_AfterTheConfiguredTries()
    {
        var store = new ScriptedStore(retryableFailures: int.MaxValue);
        var dump = WriteDump();

        var result = await RunAsync(Uploader(store, attempts: "4"), dump);

        Assert.Equal(UploadOutcomes.Failed, result.Outcome);
        Assert.Equal(4, store.Tries);
        Assert.Contains("Connection refused (4 tries)", result.Line, StringComparison.Ordinal);
        Assert.False(File.Exists(DumpStore.UploadedMarkerPath(dump)));
    }

    [Fact]
    public async Task KeepLocalOff_DeletesDumpAndReport_KeepsTheMarker_AndTheCountStillHoldsThem()
    {
        var dump = WriteDump();
        var result = await RunAsync(Uploader(new ScriptedStore(), keepLocal: "false"), dump);

        Assert.Equal(UploadOutcomes.Uploaded, result.Outcome);
        Assert.EndsWith("; local copy deleted", result.Line, StringComparison.Ordinal);
        Assert.False(File.Exists(dump));
        Assert.False(File.Exists(Path.ChangeExtension(dump, ".json")));
        Assert.True(File.Exists(DumpStore.UploadedMarkerPath(dump)));

        // Uploaded away, it still counts towards LEAKAGENT_DUMP_MAX_COUNT, but its bytes are no longer on the disk.
        Assert.Equal((1, 0L), new DumpStore(_directory).Usage());
    }

    [Fact]
    public async Task NotUploaded_ListsOnlyThisServicesUnmarkedDumps()
    {
        var uploaded = WriteDump("svc-7-20261201T101500Z");
        await RunAsync(Uploader(new ScriptedStore()), uploaded);
        var pending = WriteDump("svc-8-20261201T111500Z");
        WriteDump("other-9-20261201T121500Z");

        Assert.Equal([pending], new DumpStore(_directory).NotUploaded("svc"));
    }

    private string WriteDump(string stem = "svc-7-20261201T101500Z")
    {
        var path = Path.Combine(_directory, stem + DumpStore.DumpExtension);
        File.WriteAllBytes(path, new byte[1000]);
        File.WriteAllText(Path.ChangeExtension(path, DumpStore.ReportExtension), "{}");
        return path;
    }

    private DumpUploader Uploader(ScriptedStore store, string attempts = "3", string keepLocal = "true")
    {
        var options = new UploadOptions(new SettingsReader(new Dictionary<string, string?>
        {
            [ConfigurationKeys.DumpUpload] = "s3://dumps/leaks",
            [ConfigurationKeys.DumpUploadAttempts] = attempts,
            [ConfigurationKeys.DumpUploadKeepLocal] = keepLocal,
        }, message => throw new InvalidOperationException(message)));
        return new DumpUploader(options, new ObjectStoreProvider(options.Destination!, () => store), "svc", "pod", _clock);
    }

    /// <summary>Runs the upload, moving the manual clock a second at a time while it waits out a pause.</summary>
    private async Task<UploadResult> RunAsync(DumpUploader uploader, string dump)
    {
        var upload = uploader.UploadAsync(dump, CancellationToken.None);
        for (var step = 0; !upload.IsCompleted && step < 600; step++)
        {
            await Task.Yield();
            if (!upload.IsCompleted)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(1);
            }
        }

        return await upload;
    }

    private sealed class ScriptedStore(int retryableFailures = 0, bool refuse = false) : IObjectStore
    {
        private int _failuresLeft = retryableFailures;

        public int Tries { get; private set; }

        public List<string> Stored { get; } = [];

        public Task<long> UploadFileAsync(string path, StorageLocation target, CancellationToken cancellationToken)
        {
            if (target.Key.EndsWith(".json", StringComparison.Ordinal))
            {
                Tries++;
                if (refuse)
                {
                    throw new ObjectStoreException($"upload to {target.Url}: HTTP 403 AccessDenied", retryable: false);
                }

                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    throw new ObjectStoreException($"upload to {target.Url}: Connection refused", retryable: true);
                }
            }

            Stored.Add(target.Key);
            return Task.FromResult(new FileInfo(path).Length);
        }

        public Task<long> DownloadAsync(StorageLocation source, Stream destination, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StorageLocation?> NewestAsync(StorageLocation folder, string suffix, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
