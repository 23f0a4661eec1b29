namespace LeakAgent.Storage;

/// <summary>Which object store a location is in.</summary>
internal enum StorageKind
{
    /// <summary>Amazon S3, or an S3-compatible server (<c>AWS_ENDPOINT_URL_S3</c>).</summary>
    S3,

    /// <summary>Azure Blob Storage, or its emulator (Azurite).</summary>
    AzureBlob,
}
