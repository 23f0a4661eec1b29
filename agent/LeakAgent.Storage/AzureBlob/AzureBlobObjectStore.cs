using Azure;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace LeakAgent.Storage.AzureBlob;

/// <summary>
/// Azure Blob Storage through its SDK: staged blocks of 8 MB, two at a time, streamed from the file; the stored length
/// confirmed from the blob's properties; downloads streamed.
/// </summary>
/// <remarks>
/// Credentials: <c>azblob://</c> takes the account and key from <c>AZURE_STORAGE_CONNECTION_STRING</c> (Azurite's too),
/// else the account named by <c>AZURE_STORAGE_ACCOUNT</c> with a token. A blob endpoint URL takes the connection string
/// too when one is set (for that URL's account only), else a token: the environment's service principal, workload
/// identity (AKS) or managed identity; on a laptop (the CLI) also the developer's Azure CLI or IDE login.
/// </remarks>
internal sealed class AzureBlobObjectStore : IObjectStore
{
    /// <summary>Block size: streamed from the file, not buffered, so it sets the request count, not the memory.</summary>
    public const int BlockBytes = 8 * 1024 * 1024;

    private const int ConcurrentBlocks = 2;

    private readonly BlobServiceClient _service;

    private AzureBlobObjectStore(BlobServiceClient service) => _service = service;

    public static AzureBlobObjectStore Create(StorageLocation location, IReadOnlyDictionary<string, string?> environment, bool interactive)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(2);
        var connectionString = EnvironmentValues.Get(environment, "AZURE_STORAGE_CONNECTION_STRING");

        // A connection string, when set, signs for its own account, whichever form the location has; an endpoint URL
        // of another account is refused rather than written elsewhere. Without one, a token (only ever sent over https).
        if (connectionString is not null)
        {
            BlobServiceClient client;
            try
            {
                client = new BlobServiceClient(connectionString, options);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // Never the string itself: it holds the account key.
                throw new ObjectStoreException("AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string", retryable: false, ex);
            }

            if (location.BlobEndpoint is { } named && AccountOf(named) is { } namedAccount && !string.Equals(namedAccount, client.AccountName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ObjectStoreException($"AZURE_STORAGE_CONNECTION_STRING is for the account '{client.AccountName}', the URL names '{namedAccount}'", retryable: false);
            }

            return new AzureBlobObjectStore(client);
        }

        if (location.BlobEndpoint is { Scheme: "http" })
        {
            throw new ObjectStoreException($"{location.BlobEndpoint} is http: a token is sent only over https, so it needs AZURE_STORAGE_CONNECTION_STRING", retryable: false);
        }

        var endpoint = location.BlobEndpoint ?? (EnvironmentValues.Get(environment, "AZURE_STORAGE_ACCOUNT") is { } account
            ? new Uri($"https://{account}.blob.core.windows.net")
            : throw new ObjectStoreException("azblob:// needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT with a workload or managed identity; or give the blob endpoint URL (https://<account>.blob.core.windows.net/<container>/...)", retryable: false));
        return new AzureBlobObjectStore(new BlobServiceClient(endpoint, Credential(interactive), options));
    }

    public async Task<long> UploadFileAsync(string path, StorageLocation target, CancellationToken cancellationToken)
    {
        var blob = _service.GetBlobContainerClient(target.Container).GetBlockBlobClient(target.Key);
        var headers = new BlobHttpHeaders { ContentType = ContentTypes.Of(path) };
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(file);
        await Call("upload to " + target.Url, async () =>
        {
            if (length <= BlockBytes)
            {
                await using var whole = new FileRegionStream(file, 0, length);
                await blob.UploadAsync(whole, new BlobUploadOptions { HttpHeaders = headers }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UploadInBlocksAsync(blob, file, length, headers, cancellationToken).ConfigureAwait(false);
            }

            return 0L;
        }).ConfigureAwait(false);

        var stored = await Call("confirm " + target.Url, async () =>
            (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength).ConfigureAwait(false);
        return stored == length
            ? stored
            : throw new ObjectStoreException($"confirm {target.Url}: stored {stored:N0} bytes, the file has {length:N0}", retryable: true);
    }

    /// <summary>
    /// Staged blocks, two at a time, each streamed from its window of the file, then one commit. Not the SDK's
    /// partitioned upload: it copies each block into arrays from the shared pool, which keeps ~20 MB of them in the
    /// app after the upload (measured with tests/benchmarks/upload-memory.sh). Uncommitted blocks of a failed upload
    /// are discarded by the service after a week.
    /// </summary>
    private static async Task UploadInBlocksAsync(BlockBlobClient blob, Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, BlobHttpHeaders headers, CancellationToken cancellationToken)
    {
        var count = (int)((length + BlockBytes - 1) / BlockBytes);
        var ids = Enumerable.Range(0, count).Select(i => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"leakagent-{i:D6}"))).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBlocks, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var offset = (long)index * BlockBytes;
            await using var block = new FileRegionStream(file, offset, Math.Min(BlockBytes, length - offset));
            await blob.StageBlockAsync(ids[index], block, cancellationToken: token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await blob.CommitBlockListAsync(ids, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken).ConfigureAwait(false);
    }

    public Task<long> DownloadAsync(StorageLocation source, Stream destination, CancellationToken cancellationToken) =>
        Call("download " + source.Url, async () =>
        {
            var blob = Blob(source);
            var start = destination.CanSeek ? destination.Position : 0;
            await blob.DownloadToAsync(destination, new BlobDownloadToOptions
            {
                TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = ConcurrentBlocks },
            }, cancellationToken).ConfigureAwait(false);
            return destination.CanSeek ? destination.Position - start : -1;
        });

    public async Task<StorageLocation?> NewestAsync(StorageLocation folder, string suffix, CancellationToken cancellationToken)
    {
        (string Name, DateTimeOffset Modified)? newest = null;
        await Call("list " + folder.Url, async () =>
        {
            var container = _service.GetBlobContainerClient(folder.Container);
            await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, folder.Key.Length == 0 ? null : folder.Key + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var modified = item.Properties.LastModified ?? DateTimeOffset.MinValue;
                if (item.Name.EndsWith(suffix, StringComparison.Ordinal) && (newest is null || modified > newest.Value.Modified || (modified == newest.Value.Modified && string.CompareOrdinal(item.Name, newest.Value.Name) > 0)))
                {
                    newest = (item.Name, modified);
                }
            }

            return 0L;
        }).ConfigureAwait(false);
        return newest is { } found ? folder with { Key = found.Name } : null;
    }

    public void Dispose()
    {
        // The SDK's clients hold no unmanaged state of their own; the shared HTTP pipeline lives for the process.
    }

    private BlobClient Blob(StorageLocation location) => _service.GetBlobContainerClient(location.Container).GetBlobClient(location.Key);

    /// <summary>Inside an app, only identities the platform gives (never a spawned developer tool); on a laptop, those too.</summary>
    private static DefaultAzureCredential Credential(bool interactive) => new DefaultAzureCredential(new DefaultAzureCredentialOptions
    {
        ExcludeAzureCliCredential = !interactive,
        ExcludeAzurePowerShellCredential = !interactive,
        ExcludeAzureDeveloperCliCredential = !interactive,
        ExcludeVisualStudioCredential = !interactive,
        ExcludeVisualStudioCodeCredential = !interactive,
        ExcludeInteractiveBrowserCredential = true,
    });

    private static async Task<long> Call(string operation, Func<Task<long>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Describe(ex, operation) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The anticipated failures as one line each; null for anything else (a bug: it stays an exception).</summary>
    private static ObjectStoreException? Describe(Exception ex, string operation) => ex switch
    {
        // The SDK's own retries end in an AggregateException of the same failure each time.
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[0], operation),
        RequestFailedException { Status: not 0 } failed => new ObjectStoreException($"{operation}: HTTP {failed.Status} {failed.ErrorCode}: {ObjectStoreException.FirstLine(failed.Message)}", ObjectStoreException.RetryableStatus(failed.Status), ex),
        AuthenticationFailedException or CredentialUnavailableException => new ObjectStoreException($"{operation}: no Azure identity answered: {ObjectStoreException.FirstLine(ex.Message)}", retryable: false, ex),
        RequestFailedException { InnerException: { } inner } => ObjectStoreException.FromTransport(inner, operation) ?? new ObjectStoreException($"{operation}: {ObjectStoreException.FirstLine(ex.Message)}", retryable: true, ex),
        RequestFailedException => new ObjectStoreException($"{operation}: {ObjectStoreException.FirstLine(ex.Message)}", retryable: true, ex),
        _ => ObjectStoreException.FromTransport(ex, operation),
    };

    /// <summary>The account an endpoint names: <c>account.blob.core.windows.net</c>, or the path's first segment for an
    /// IP or localhost endpoint (Azurite).</summary>
    private static string? AccountOf(Uri endpoint) =>
        endpoint.AbsolutePath.Trim('/') is { Length: > 0 } path ? path.Split('/')[0] : endpoint.Host.Split('.')[0];
}
