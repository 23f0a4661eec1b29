namespace LeakAgent.Storage;

/// <summary>
/// One bucket or container, through its vendor's SDK. Every call streams (a file is never read whole into memory) and
/// fails with <see cref="ObjectStoreException"/> for anything anticipated: refused credentials, a missing bucket, a
/// server that does not answer.
/// </summary>
internal interface IObjectStore : IDisposable
{
    /// <summary>Uploads the file at <paramref name="path"/> to <paramref name="target"/>, then confirms the stored
    /// object's length matches the file's; returns that length.</summary>
    Task<long> UploadFileAsync(string path, StorageLocation target, CancellationToken cancellationToken);

    /// <summary>Copies the object at <paramref name="source"/> into <paramref name="destination"/>; returns its length.</summary>
    Task<long> DownloadAsync(StorageLocation source, Stream destination, CancellationToken cancellationToken);

    /// <summary>The most recently written object under the prefix <paramref name="folder"/> whose name ends with
    /// <paramref name="suffix"/> (at any depth); null when there is none.</summary>
    Task<StorageLocation?> NewestAsync(StorageLocation folder, string suffix, CancellationToken cancellationToken);
}
