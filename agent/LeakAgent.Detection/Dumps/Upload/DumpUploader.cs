using System.Diagnostics;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Storage;

namespace LeakAgent.Detection.Dumps.Upload;

/// <summary>
/// Uploads a complete dump and its report, then marks the dump uploaded (and deletes the local copy if so set).
/// Bounded: a few tries with growing pauses, each with a timeout; a failure no retry can mend (refused credentials, no
/// bucket) ends at once. Whatever happens, one line and one outcome; the dump stays on disk unless it arrived.
/// Memory: the stores stream from the file (a few MB of parts in flight), never the whole file.
/// </summary>
internal sealed class DumpUploader
{
    private readonly UploadOptions _options;
    private readonly ObjectStoreProvider _stores;
    private readonly string _service;
    private readonly string _instance;
    private readonly TimeProvider _time;

    /// <param name="options">Tries, timeout, keep or delete the local copy.</param>
    /// <param name="stores">The destination's store.</param>
    /// <param name="service">The service the dumps are of (the folder under the prefix).</param>
    /// <param name="instance">The instance (part of each object's name).</param>
    /// <param name="time">The clock of the pauses between tries (tests drive it).</param>
    public DumpUploader(UploadOptions options, ObjectStoreProvider stores, string service, string instance, TimeProvider time)
    {
        _options = options;
        _stores = stores;
        _service = service;
        _instance = instance;
        _time = time;
    }

    /// <summary>The pause before try <paramref name="next"/> (2 s, 8 s, 32 s, ... up to a minute), ±20% so a fleet that
    /// lost its storage at once does not come back at once.</summary>
    public static TimeSpan Backoff(int next) =>
        TimeSpan.FromSeconds(Math.Min(60, 2 * Math.Pow(4, next - 2)) * (0.8 + (0.4 * Random.Shared.NextDouble())));

    /// <summary>Where the dump at <paramref name="dumpPath"/> and its report will be.</summary>
    public (StorageLocation Dump, StorageLocation Report) Targets(string dumpPath) =>
        DumpObjectNames.For(_stores.Destination, dumpPath, _service, _instance);

    /// <summary>Uploads the dump and the report beside it (if there is one); never throws for an anticipated failure.</summary>
    public async Task<UploadResult> UploadAsync(string dumpPath, CancellationToken cancellationToken)
    {
        var (dumpTarget, reportTarget) = Targets(dumpPath);
        var reportPath = Path.ChangeExtension(dumpPath, DumpStore.ReportExtension);
        var hasReport = File.Exists(reportPath);
        var stopwatch = Stopwatch.StartNew();
        var failure = "no try was made";
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.Timeout);
                var bytes = await UploadOnceAsync(dumpPath, dumpTarget, hasReport ? reportPath : null, reportTarget, timeout.Token).ConfigureAwait(false);
                var kept = Settle(dumpPath, reportPath, dumpTarget);
                return new UploadResult(UploadOutcomes.Uploaded, dumpTarget.Url, hasReport ? reportTarget.Url : null,
                    $"gcdump uploaded: {dumpTarget.Url} ({SizeParser.Format(bytes)}, {stopwatch.Elapsed.TotalSeconds:0.0}s{(attempt > 1 ? $", try {attempt}" : string.Empty)})"
                    + (hasReport ? $"; report {reportTarget.Url}" : string.Empty) + kept,
                    bytes, stopwatch.Elapsed);
            }
            catch (ObjectStoreException ex)
            {
                failure = ex.Message;
                if (!ex.Retryable)
                {
                    return Failed(dumpPath, dumpTarget, hasReport ? reportTarget : null, $"{failure} (not retried)", stopwatch.Elapsed);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"upload to {dumpTarget.Url}: no answer within {DurationParser.Format(_options.Timeout)} ({ConfigurationKeys.DumpUploadTimeout})";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The local file, not the store: gone or unreadable. Another try would read the same.
                return Failed(dumpPath, dumpTarget, hasReport ? reportTarget : null, $"the local dump cannot be read: {ex.Message}", stopwatch.Elapsed);
            }
#pragma warning disable CA1031 // A guest in someone else's process (and a sidecar's queue): an SDK failure no store
            // anticipated is still one failed upload, never an exception out of the dump thread.
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Failed(dumpPath, dumpTarget, hasReport ? reportTarget : null, $"upload to {dumpTarget.Url}: {ex.GetType().Name}: {ObjectStoreException.FirstLine(ex.Message)} (not retried)", stopwatch.Elapsed);
            }
#pragma warning restore CA1031
        }

        return Failed(dumpPath, dumpTarget, hasReport ? reportTarget : null, $"{failure} ({_options.Attempts} tries)", stopwatch.Elapsed);
    }

    private async Task<long> UploadOnceAsync(string dumpPath, StorageLocation dumpTarget, string? reportPath, StorageLocation reportTarget, CancellationToken cancellationToken)
    {
        var store = _stores.Get();

        // The report first: it is small, and a dump in the bucket should never lack the report that explains it.
        var bytes = reportPath is null ? 0 : await store.UploadFileAsync(reportPath, reportTarget, cancellationToken).ConfigureAwait(false);
        return bytes + await store.UploadFileAsync(dumpPath, dumpTarget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the dump uploaded; deletes the local copies if so set. Returns what the line should add.</summary>
    private string Settle(string dumpPath, string reportPath, StorageLocation dumpTarget)
    {
        try
        {
            DumpStore.WriteAtomically(DumpStore.UploadedMarkerPath(dumpPath), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(dumpTarget.Url + "\n")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the marker a later start would upload it again: harmless (same name, same bytes).
            return $"; the uploaded marker could not be written ({ex.Message})";
        }

        if (_options.KeepLocal)
        {
            return string.Empty;
        }

        try
        {
            File.Delete(dumpPath);
            File.Delete(reportPath);
            return "; local copy deleted";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"; the local copy could not be deleted ({ex.Message})";
        }
    }

    private static UploadResult Failed(string dumpPath, StorageLocation dumpTarget, StorageLocation? reportTarget, string reason, TimeSpan elapsed) =>
        new(UploadOutcomes.Failed, dumpTarget.Url, reportTarget?.Url, $"gcdump upload failed: {reason}; the dump stays at {dumpPath}", 0, elapsed);
}
