using LeakAgent.Cli.Errors;
using LeakAgent.Snapshots.Format;
using LeakAgent.Storage;

namespace LeakAgent.Cli.Dumps;

/// <summary>Reads a .gcdump for a command, turning every anticipated problem with the file into a <see cref="CliException"/>.</summary>
internal static class DumpLoader
{
    // The reader's messages for a newer or unsupported format start like this (docs/snapshots.md, "Reader safety").
    private static readonly string[] s_unsupportedPrefixes = ["Unsupported gcdump version", "Unsupported gcdump content"];

    /// <summary>Reads the dump at <paramref name="path"/>, or the newest one in it if it is a folder, or the object at a
    /// storage URL (<c>s3://</c>, <c>azblob://</c>, a blob endpoint URL).</summary>
    /// <param name="path">The file, folder or URL, as the user typed it.</param>
    /// <returns>The graph and metadata.</returns>
    /// <exception cref="CliException">Missing, unreadable, not a gcdump, truncated, corrupt or unsupported.</exception>
    public static GcDump Load(string path)
    {
        if (StorageLocationParser.LooksLikeUrl(path))
        {
            using var fetched = RemoteDump.Fetch(path);
            return LoadFile(fetched.Path, fetched.Url);
        }

        return LoadFile(Resolve(path), null);
    }

    /// <param name="path">The local file.</param>
    /// <param name="shownAs">What the user typed, when the file is a download of it.</param>
    private static GcDump LoadFile(string path, string? shownAs)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no such file: '{path}'", ExitCodes.FileError);
        }

        try
        {
            return GcDumpReader.Read(path);
        }
        catch (GcDumpFormatException exception)
        {
            int code = s_unsupportedPrefixes.Any(p => exception.Message.StartsWith(p, StringComparison.Ordinal))
                ? ExitCodes.UnsupportedDump
                : ExitCodes.InvalidDump;
            throw new CliException($"'{shownAs ?? path}': {exception.Message}", code, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CliException($"cannot read '{path}': {exception.Message}", ExitCodes.FileError, exception);
        }
        catch (IOException exception)
        {
            throw new CliException($"cannot read '{path}': {exception.Message}", ExitCodes.FileError, exception);
        }
    }

    /// <summary>
    /// A folder stands for its newest <c>*.gcdump</c>: the agent names dumps by service, pid and time, so
    /// <c>leakagent suspects ./dumps</c> explains the latest one without the user copying its name. So does a storage
    /// URL that names a bucket, container or folder rather than a <c>.gcdump</c> object.
    /// </summary>
    /// <param name="path">A file or a folder.</param>
    /// <returns>The file to read.</returns>
    public static string Resolve(string path)
    {
        if (StorageLocationParser.LooksLikeUrl(path))
        {
            return RemoteDump.Resolve(path);
        }

        if (!Directory.Exists(path))
        {
            return path;
        }

        try
        {
            return new DirectoryInfo(path).EnumerateFiles("*.gcdump").OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
                .FirstOrDefault()?.FullName
                ?? throw new CliException($"no .gcdump file in the folder '{path}'", ExitCodes.FileError);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot list '{path}': {exception.Message}", ExitCodes.FileError, exception);
        }
    }
}
