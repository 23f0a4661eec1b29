using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace LeakAgent.Storage.S3;

/// <summary>
/// S3 through the AWS SDK: one request up to 16 MB, else a multipart upload of 8 MB parts, two at a time, read from
/// the file as they go; plain (not aws-chunked) signed bodies, which every S3-compatible server accepts; a HEAD to
/// confirm the stored length; downloads streamed.
/// </summary>
internal sealed class S3ObjectStore : IObjectStore
{
    private readonly AmazonS3Client _client;

    public S3ObjectStore(S3Settings settings)
    {
        var config = new AmazonS3Config { MaxErrorRetry = S3Settings.SdkRetries };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
            if (!settings.ChecksumsConfigured)
            {
                config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            }
        }
        else if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        try
        {
            _client = new AmazonS3Client(config);
        }
        catch (AmazonClientException ex)
        {
            // No region anywhere, or no credentials source at all.
            throw new ObjectStoreException("S3 client: " + ObjectStoreException.FirstLine(ex.Message), retryable: false, ex);
        }
    }

    public async Task<long> UploadFileAsync(string path, StorageLocation target, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length <= 2 * S3Settings.PartSizeBytes)
        {
            await Call("upload to " + target.Url, async () =>
            {
                await _client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = target.Container,
                    Key = target.Key,
                    FilePath = path,
                    ContentType = ContentTypes.Of(path),
                    UseChunkEncoding = false,
                }, cancellationToken).ConfigureAwait(false);
                return 0L;
            }).ConfigureAwait(false);
        }
        else
        {
            await UploadInPartsAsync(path, length, target, cancellationToken).ConfigureAwait(false);
        }

        var stored = await Call("confirm " + target.Url, async () =>
        {
            var head = await _client.GetObjectMetadataAsync(target.Container, target.Key, cancellationToken).ConfigureAwait(false);
            return head.ContentLength;
        }).ConfigureAwait(false);
        return stored == length
            ? stored
            : throw new ObjectStoreException($"confirm {target.Url}: stored {stored:N0} bytes, the file has {length:N0}", retryable: true);
    }

    /// <summary>
    /// A multipart upload, each part read from its place in the file by the SDK as it is sent. Not the SDK's
    /// TransferUtility: it cannot turn off aws-chunked bodies, which S3-compatible servers (s3rver among them) store
    /// as they arrive, chunk signatures and all. A failed upload is aborted, so no parts are left to pay for.
    /// </summary>
    private async Task UploadInPartsAsync(string path, long length, StorageLocation target, CancellationToken cancellationToken)
    {
        var uploadId = (await Call("start upload to " + target.Url, () => _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = target.Container,
            Key = target.Key,
            ContentType = ContentTypes.Of(path),
        }, cancellationToken)).ConfigureAwait(false)).UploadId;
        try
        {
            var partCount = (int)((length + S3Settings.PartSizeBytes - 1) / S3Settings.PartSizeBytes);
            var etags = new PartETag[partCount];
            await Parallel.ForEachAsync(Enumerable.Range(0, partCount), new ParallelOptions { MaxDegreeOfParallelism = S3Settings.ConcurrentParts, CancellationToken = cancellationToken }, async (index, token) =>
            {
                var position = index * S3Settings.PartSizeBytes;
                var response = await Call($"upload part {index + 1}/{partCount} to {target.Url}", () => _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = target.Container,
                    Key = target.Key,
                    UploadId = uploadId,
                    PartNumber = index + 1,
                    FilePath = path,
                    FilePosition = position,
                    PartSize = Math.Min(S3Settings.PartSizeBytes, length - position),
                    UseChunkEncoding = false,
                }, token)).ConfigureAwait(false);
                etags[index] = new PartETag(index + 1, response.ETag);
            }).ConfigureAwait(false);

            await Call("finish upload to " + target.Url, () => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = target.Container,
                Key = target.Key,
                UploadId = uploadId,
                PartETags = [.. etags],
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await AbortQuietlyAsync(target, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(StorageLocation target, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.AbortMultipartUploadAsync(target.Container, target.Key, uploadId, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort after a failure that is already being reported; a bucket lifecycle rule cleans up the rest.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    public Task<long> DownloadAsync(StorageLocation source, Stream destination, CancellationToken cancellationToken) =>
        Call("download " + source.Url, async () =>
        {
            using var response = await _client.GetObjectAsync(source.Container, source.Key, cancellationToken).ConfigureAwait(false);
            await response.ResponseStream.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return response.ContentLength;
        });

    public async Task<StorageLocation?> NewestAsync(StorageLocation folder, string suffix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = folder.Container, Prefix = folder.Key.Length == 0 ? null : folder.Key + "/" };
        (string Key, DateTime Modified)? newest = null;
        do
        {
            var page = await Call("list " + folder.Url, () => _client.ListObjectsV2Async(request, cancellationToken)).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                var modified = item.LastModified ?? DateTime.MinValue;
                if (item.Key.EndsWith(suffix, StringComparison.Ordinal) && (newest is null || modified > newest.Value.Modified || (modified == newest.Value.Modified && string.CompareOrdinal(item.Key, newest.Value.Key) > 0)))
                {
                    newest = (item.Key, modified);
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        return newest is { } found ? folder with { Key = found.Key } : null;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Runs one SDK call; its anticipated failures become one line each.</summary>
    private static async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex) when (ex.StatusCode != 0)
        {
            var status = (int)ex.StatusCode;
            var code = string.IsNullOrEmpty(ex.ErrorCode) ? ((HttpStatusCode)status).ToString() : ex.ErrorCode;
            throw new ObjectStoreException($"{operation}: HTTP {status} {code}: {ObjectStoreException.FirstLine(ex.Message)}", ObjectStoreException.RetryableStatus(status), ex);
        }
        catch (AmazonClientException ex)
        {
            // The transport's failure (connection refused, DNS) arrives wrapped, or none: no credentials found.
            var transport = ex.InnerException is { } inner ? ObjectStoreException.FromTransport(inner, operation) : null;
            var message = ex.Message.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal)
                ? "no AWS credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity, container or instance credentials)"
                : ObjectStoreException.FirstLine(ex.Message);
            throw transport ?? new ObjectStoreException($"{operation}: {message}", retryable: false, ex);
        }
        catch (Exception ex) when (ObjectStoreException.FromTransport(ex, operation) is { } transport)
        {
            throw transport;
        }
    }
}
