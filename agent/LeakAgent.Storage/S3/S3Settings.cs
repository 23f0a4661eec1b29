namespace LeakAgent.Storage.S3;

/// <summary>
/// What the S3 client needs beyond what the AWS SDK reads itself (credentials: <c>AWS_ACCESS_KEY_ID</c>/
/// <c>AWS_SECRET_ACCESS_KEY</c>, profiles, web identity, container and instance credentials).
/// </summary>
/// <param name="Endpoint"><c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>: an S3-compatible server (MinIO, Ceph,
/// s3rver) or a private endpoint. Such servers are addressed path-style (<c>host/bucket/key</c>): most serve no
/// per-bucket host names.</param>
/// <param name="Region"><c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>; null leaves it to the SDK (profile, instance
/// metadata), or us-east-1 for a custom endpoint, which signs with some region whatever it is.</param>
/// <param name="ChecksumsConfigured">True when <c>AWS_REQUEST_CHECKSUM_CALCULATION</c> is set: the SDK's choice stands.
/// Otherwise a custom endpoint gets checksums only where the API requires them, since many S3-compatible servers reject
/// the trailing checksums the SDK sends to AWS by default.</param>
internal sealed record S3Settings(Uri? Endpoint, string? Region, bool ChecksumsConfigured)
{
    /// <summary>Parts of a multipart upload: S3's minimum is 5 MB; two 8 MB parts in flight bound the memory.</summary>
    public const long PartSizeBytes = 8L * 1024 * 1024;

    /// <summary>Parts uploaded at once.</summary>
    public const int ConcurrentParts = 2;

    /// <summary>Retries the SDK makes within one of our attempts (ours back off between attempts).</summary>
    public const int SdkRetries = 2;

    public static S3Settings FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var endpointText = EnvironmentValues.Get(environment, "AWS_ENDPOINT_URL_S3") ?? EnvironmentValues.Get(environment, "AWS_ENDPOINT_URL");
        Uri? endpoint = null;
        if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
        {
            throw new ObjectStoreException($"AWS_ENDPOINT_URL_S3='{endpointText}' is not a URL", retryable: false);
        }

        return new S3Settings(endpoint, EnvironmentValues.Get(environment, "AWS_REGION") ?? EnvironmentValues.Get(environment, "AWS_DEFAULT_REGION"), EnvironmentValues.Get(environment, "AWS_REQUEST_CHECKSUM_CALCULATION") is not null);
    }
}
