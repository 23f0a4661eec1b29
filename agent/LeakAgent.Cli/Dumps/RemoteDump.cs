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

    /// <summary>The object a URL stands for: itself when it names a <c>.gcdump</c>, else the newest dump under it (a
    /// bucket, container or folder stands for its newest dump, as a local folder does).</summary>
    /// <exception cref="CliException">Not a storage URL (exit 2), or nothing to be found there (exit 11).</exception>
    public static string Resolve(string url)
    {
        var location = Parse(url);
        if (location.Key.EndsWith(DumpExtension, StringComparison.OrdinalIgnoreCase))
        {
            return location.Url;
        }

        return WithStore(location, store => store.NewestAsync(location, DumpExtension, CancellationToken.None).GetAwaiter().GetResult()?.Url
            ?? throw new CliException($"no {DumpExtension} object under '{url}'", ExitCodes.StorageError));
    }

    /// <summary>Downloads the dump <paramref name="url"/> stands for (see <see cref="Resolve"/>).</summary>
    /// <exception cref="CliException">Not a storage URL (exit 2), the object cannot be fetched (exit 11), or not written locally (exit 3).</exception>
    public static RemoteDump Fetch(string url)
    {
        var location = Parse(Resolve(url));
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "leakagent-fetch-" + Guid.NewGuid().ToString("N")[..12]);
        var dump = new RemoteDump(folder, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(location.Key)), location.Url);
        try
        {
            CreatePrivateFolder(folder);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(dump.Path, options))
            {
                WithStore(location, store => store.DownloadAsync(location, file, CancellationToken.None).GetAwaiter().GetResult());
            }

            return dump;
        }
        catch (CliException)
        {
            dump.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            dump.Dispose();
            throw new CliException($"cannot write the downloaded dump to {folder}: {ex.Message}", ExitCodes.FileError, ex);
        }
    }

    private static StorageLocation Parse(string url) =>
        StorageLocationParser.TryParse(url, out var location, out var error) ? location : throw new CliException(error, ExitCodes.UsageError);

    /// <summary>Runs <paramref name="use"/> with a store for <paramref name="location"/>; storage failures become exit 11.</summary>
    private static T WithStore<T>(StorageLocation location, Func<IObjectStore, T> use)
    {
        try
        {
            using var store = ObjectStores.Create(location, SettingsReader.EnvironmentSnapshot(), interactive: true);
            return use(store);
        }
        catch (ObjectStoreException ex)
        {
            throw new CliException(ex.Message, ExitCodes.StorageError, ex);
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
