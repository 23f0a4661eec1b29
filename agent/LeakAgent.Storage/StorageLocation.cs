namespace LeakAgent.Storage;

/// <summary>
/// A place in object storage: a bucket or container and a key (a folder-like prefix for an upload destination, one
/// object's name for a download). Holds no credentials: those come only from each SDK's standard sources.
/// </summary>
/// <param name="Kind">S3 or Azure Blob.</param>
/// <param name="Container">The S3 bucket or the Azure container.</param>
/// <param name="Key">The prefix or object name inside it, without a leading or trailing '/' (may be empty).</param>
/// <param name="BlobEndpoint">Azure only: the account's blob endpoint when the location was given as a URL
/// (<c>https://account.blob.core.windows.net</c>); null for <c>azblob://</c>, whose account comes from the environment.</param>
internal sealed record StorageLocation(StorageKind Kind, string Container, string Key, Uri? BlobEndpoint = null)
{
    /// <summary>The location of <paramref name="name"/> under this one's key.</summary>
    public StorageLocation Child(string name) => this with { Key = Key.Length == 0 ? name : Key + "/" + name };

    /// <summary>The URL people and the CLI use for it (<c>s3://</c>, <c>azblob://</c> or the blob endpoint URL).</summary>
    public string Url => Kind switch
    {
        StorageKind.S3 => $"s3://{Container}/{Key}",
        _ when BlobEndpoint is not null => $"{BlobEndpoint.AbsoluteUri.TrimEnd('/')}/{Container}/{Key}",
        _ => $"azblob://{Container}/{Key}",
    };

    public override string ToString() => Url;
}
