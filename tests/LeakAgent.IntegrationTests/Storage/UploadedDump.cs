using System.Text.Json;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>What an upload test reads off a run: the local files, the report's object URLs and the upload lines.</summary>
internal sealed record UploadedDump(string DumpPath, string ReportPath, string DumpUrl, string ReportUrl)
{
    /// <summary>The local dump and report, and the URLs the report says they were uploaded to.</summary>
    public static UploadedDump Read(string dumpPath)
    {
        var reportPath = Path.ChangeExtension(dumpPath, ".json");
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        var upload = json.RootElement.GetProperty("upload");
        return new UploadedDump(dumpPath, reportPath, upload.GetProperty("dump").GetString()!, upload.GetProperty("report").GetString()!);
    }

    /// <summary>The key (or blob name) of an object URL: what follows the bucket or container.</summary>
    public static string KeyOf(string url, string container)
    {
        var marker = "/" + container + "/";
        return url[(url.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    /// <summary>The files of the agent's (or a peer's) dump-related assemblies mapped into <paramref name="processId"/>.</summary>
    public static List<string> StorageAssemblyFilesLoaded(int processId) =>
        File.ReadLines($"/proc/{processId}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty)
            .Where(file => Path.GetFileName(file) is { } name && (name.StartsWith("AWSSDK.", StringComparison.Ordinal) || name.StartsWith("Azure.", StringComparison.Ordinal)))
            .Distinct()
            .ToList();

    /// <summary>The file names of <see cref="StorageAssemblyFilesLoaded"/>.</summary>
    public static List<string> StorageAssembliesLoaded(int processId) => StorageAssemblyFilesLoaded(processId).Select(f => Path.GetFileName(f)).ToList();
}
