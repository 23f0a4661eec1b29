using System.Globalization;
using System.Text;

namespace LeakAgent.Detection.Dumps;

/// <summary>
/// The dump directory: created 0700; each file written to a temporary name, made 0600 and renamed when complete,
/// so no reader ever sees half a dump and no partial file is left behind.
/// </summary>
internal sealed class DumpStore
{
    public const string DumpExtension = ".gcdump";
    public const string ReportExtension = ".json";
    private const string TemporarySuffix = ".tmp";
    private const string UploadedSuffix = ".uploaded";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public DumpStore(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    /// <summary>Creates the directory (0700) if needed. Throws IOException/UnauthorizedAccessException when it cannot.</summary>
    public void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, PrivateDirectory);
        }
    }

    /// <summary>
    /// How many dumps were taken into the directory and how many bytes they take there. A dump uploaded and then
    /// deleted locally (<c>LEAKAGENT_DUMP_UPLOAD_KEEP_LOCAL=false</c>) still counts towards the count, by its marker,
    /// but not the bytes: the count bounds how often the app is paused for a walk, the bytes bound the disk.
    /// </summary>
    public (int Count, long Bytes) Usage()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return (0, 0);
        }

        var entries = new DirectoryInfo(Directory).GetFiles("*" + DumpExtension + "*");
        var dumps = entries.Where(f => f.Name.EndsWith(DumpExtension, StringComparison.Ordinal)).ToList();
        var names = dumps.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var uploadedAway = entries.Count(f => f.Name.StartsWith('.') && f.Name.EndsWith(DumpExtension + UploadedSuffix, StringComparison.Ordinal)
            && !names.Contains(f.Name[1..^UploadedSuffix.Length]));
        return (dumps.Count + uploadedAway, dumps.Sum(f => f.Length));
    }

    /// <summary>The marker a confirmed upload leaves beside a dump (holding the object's URL).</summary>
    public static string UploadedMarkerPath(string dumpPath) =>
        Path.Combine(Path.GetDirectoryName(dumpPath)!, "." + Path.GetFileName(dumpPath) + UploadedSuffix);

    /// <summary>Complete dumps of <paramref name="service"/> with no upload marker: left by a process that died before
    /// its upload finished (an OOM kill right after the dump), oldest first.</summary>
    public IReadOnlyList<string> NotUploaded(string service)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var prefix = Sanitize(service) + "-";
        return new DirectoryInfo(Directory).GetFiles(prefix + "*" + DumpExtension)
            .Where(f => !File.Exists(UploadedMarkerPath(f.FullName)))
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => f.FullName)
            .ToList();
    }

    /// <summary>The path for a new dump: <c>&lt;service&gt;-&lt;pid&gt;-&lt;utc time&gt;.gcdump</c>.</summary>
    public string NewDumpPath(string service, int processId, DateTimeOffset time)
    {
        var stamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Path.Combine(Directory, $"{Sanitize(service)}-{processId}-{stamp}{DumpExtension}");
    }

    /// <summary>Writes a file through a private temporary name and renames it into place when complete.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + TemporarySuffix);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>A name safe in a file name and an object key: letters, digits, '-', '_' and '.'; others become '_'.</summary>
    public static string Sanitize(string service)
    {
        var builder = new StringBuilder(service.Length);
        foreach (var c in service)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.Length == 0 ? "app" : builder.ToString();
    }
}
