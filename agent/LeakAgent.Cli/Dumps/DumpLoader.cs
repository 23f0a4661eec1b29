using LeakAgent.Cli.Errors;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Cli.Dumps;

/// <summary>Reads a .gcdump for a command, turning every anticipated problem with the file into a <see cref="CliException"/>.</summary>
internal static class DumpLoader
{
    // The reader's messages for a newer or unsupported format start like this (docs/snapshots.md, "Reader safety").
    private static readonly string[] s_unsupportedPrefixes = ["Unsupported gcdump version", "Unsupported gcdump content"];

    /// <summary>Reads the dump at <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the user typed it.</param>
    /// <returns>The graph and metadata.</returns>
    /// <exception cref="CliException">Missing, unreadable, not a gcdump, truncated, corrupt or unsupported.</exception>
    public static GcDump Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"'{path}' is a folder, not a .gcdump file", ExitCodes.FileError);
        }

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
            throw new CliException($"'{path}': {exception.Message}", code, exception);
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
}
