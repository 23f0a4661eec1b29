using LeakAgent.Cli.Errors;
using LeakAgent.Detection.Configuration;
using LeakAgent.Storage;

namespace LeakAgent.Cli.Dumps;

/// <summary>
/// A dump in object storage (or the newest one under a bucket, container or folder URL), fetched into a private temporary file (0600, in a 0700 folder) for the reader, and
/// deleted when disposed. Streamed to disk: a dump never sits whole in memory before it is parsed. Credentials come
/// from the SDKs' standard sources, a developer's own logins included (Azure CLI, AWS profiles).
/// </summary>
internal sealed class RemoteDump : IDisposable
{
    private readonly string _folder;

    private const string DumpExtension = ".gcdump";

    private RemoteDump(string folder, string path, string url)
    {
        _folder = folder;
        Path = path;
        Url = url;
    }

    /// <summary>The downloaded copy.</summary>
    public string Path { get; }

    /// <summary>The object fetched (the newest one when a folder was given).</summary>
    public string Url { get; }

    /// <exception cref="CliException">Not a storage URL, or the object cannot be fetched (exit 11), or not written locally (exit 3).</exception>
    public static RemoteDump Fetch(string url)
    {
        if (!StorageLocationParser.TryParse(url, out var location, out var error))
        {
            throw new CliException(error, ExitCodes.UsageError);
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "leakagent-fetch-" + Guid.NewGuid().ToString("N")[..12]);
        RemoteDump? dump = null;
        try
        {
            using var store = ObjectStores.Create(location, SettingsReader.EnvironmentSnapshot(), interactive: true);

            // A bucket, container or folder stands for its newest dump, as a local folder does.
            if (!location.Key.EndsWith(DumpExtension, StringComparison.OrdinalIgnoreCase))
            {
                location = store.NewestAsync(location, DumpExtension, CancellationToken.None).GetAwaiter().GetResult()
                    ?? throw new CliException($"no {DumpExtension} object under '{url}'", ExitCodes.StorageError);
            }

            var path = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(location.Key));
            dump = new RemoteDump(folder, path, location.Url);
            CreatePrivateFolder(folder);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(path, options))
            {
                store.DownloadAsync(location, file, CancellationToken.None).GetAwaiter().GetResult();
            }

            return dump;
        }
        catch (ObjectStoreException ex)
        {
            dump?.Dispose();
            throw new CliException(ex.Message, ExitCodes.StorageError, ex);
        }
        catch (CliException)
        {
            dump?.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            dump?.Dispose();
            throw new CliException($"cannot write the downloaded dump to {folder}: {ex.Message}", ExitCodes.FileError, ex);
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary file left behind is not worth failing the command for.
        }
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
