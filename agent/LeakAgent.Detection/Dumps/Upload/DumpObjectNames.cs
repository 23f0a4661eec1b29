using System.Text.RegularExpressions;
using LeakAgent.Detection.Telemetry;
using LeakAgent.Storage;

namespace LeakAgent.Detection.Dumps.Upload;

/// <summary>
/// Where a dump and its report go: <c>&lt;prefix&gt;/&lt;service&gt;/&lt;utc time&gt;-&lt;instance&gt;-&lt;pid&gt;.gcdump</c> (and
/// <c>.json</c>). Under the service a listing sorts by time; the instance (the pod) and the process id keep a fleet's
/// dumps apart, pid 1 in every container included.
/// </summary>
internal static partial class DumpObjectNames
{
    /// <summary>The dump's and the report's locations under <paramref name="destination"/>.</summary>
    /// <param name="destination">The configured prefix.</param>
    /// <param name="dumpPath">The local dump, named <c>&lt;service&gt;-&lt;pid&gt;-&lt;utc time&gt;.gcdump</c> by <see cref="DumpStore"/>.</param>
    /// <param name="service">The service, the folder under the prefix.</param>
    /// <param name="instance">The instance (<c>service.instance.id</c>, else the host: the pod's name in Kubernetes).</param>
    public static (StorageLocation Dump, StorageLocation Report) For(StorageLocation destination, string dumpPath, string service, string instance)
    {
        var name = Path.GetFileName(dumpPath);
        var match = LocalName().Match(name);
        var stem = match.Success
            ? $"{match.Groups["time"].Value}-{DumpStore.Sanitize(instance)}-{match.Groups["pid"].Value}"
            : $"{Path.GetFileNameWithoutExtension(name)}-{DumpStore.Sanitize(instance)}";
        var folder = destination.Child(DumpStore.Sanitize(service));
        return (folder.Child(stem + DumpStore.DumpExtension), folder.Child(stem + DumpStore.ReportExtension));
    }

    /// <summary>This process's instance: <c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c>, else the host name.</summary>
    public static string Instance(IReadOnlyDictionary<string, string?> environment) =>
        ResourceAttributes.Get(environment.GetValueOrDefault(ResourceAttributes.Variable), "service.instance.id") ?? Environment.MachineName;

    [GeneratedRegex(@"-(?<pid>\d+)-(?<time>\d{8}T\d{6}Z)\.gcdump$")]
    private static partial Regex LocalName();
}
