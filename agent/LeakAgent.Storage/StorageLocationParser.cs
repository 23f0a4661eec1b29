using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace LeakAgent.Storage;

/// <summary>
/// Parses <c>s3://bucket/prefix</c>, <c>azblob://container/prefix</c> and Azure blob endpoint URLs
/// (<c>https://account.blob.core.windows.net/container/prefix</c>; for an IP or localhost host, as Azurite serves it,
/// the account is the first path segment). Errors are one sentence naming what is wrong.
/// </summary>
internal static partial class StorageLocationParser
{
    /// <summary>What a destination looks like, for error messages.</summary>
    public const string Expected = "s3://bucket/prefix, azblob://container/prefix or https://account.blob.core.windows.net/container/prefix";

    /// <summary>True when <paramref name="text"/> is meant as an object-storage URL (rather than a local path).</summary>
    public static bool LooksLikeUrl(string text) =>
        text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("azblob://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string text, [NotNullWhen(true)] out StorageLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        // A local path parses as a file:// URI on Unix: only text that names a scheme is a URL here.
        if (!text.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"'{text}' is not a URL; expected {Expected}";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            // A SAS token or user:password in the setting would be a credential in a log line.
            error = $"'{Redact(uri)}' carries a query or user info; credentials come only from the SDKs' standard sources (AWS_*, AZURE_STORAGE_CONNECTION_STRING, workload or managed identity)";
            return false;
        }

        switch (uri.Scheme.ToLowerInvariant())
        {
            case "s3":
                return Build(StorageKind.S3, uri.Host, uri.AbsolutePath, null, out location, out error);
            case "azblob":
                return Build(StorageKind.AzureBlob, uri.Host, uri.AbsolutePath, null, out location, out error);
            case "https" or "http":
                return ParseBlobEndpoint(uri, out location, out error);
            default:
                error = $"'{uri.Scheme}://' is not a storage this tool writes to; expected {Expected}";
                return false;
        }
    }

    private static bool ParseBlobEndpoint(Uri uri, [NotNullWhen(true)] out StorageLocation? location, [NotNullWhen(false)] out string? error)
    {
        var segments = Uri.UnescapeDataString(uri.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathStyle = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback;
        var accountSegments = pathStyle ? 1 : 0;
        if (!pathStyle && !uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            location = null;
            error = $"'{uri.Host}' is not an Azure blob endpoint (<account>.blob.core.windows.net); S3-compatible servers are given as s3://bucket/prefix with AWS_ENDPOINT_URL_S3";
            return false;
        }

        if (segments.Length <= accountSegments)
        {
            location = null;
            error = $"'{uri}' names no container; expected {Expected}";
            return false;
        }

        var endpoint = new UriBuilder(uri.Scheme, uri.Host, uri.Port, pathStyle ? "/" + segments[0] : "/").Uri;
        var rest = "/" + string.Join('/', segments.Skip(accountSegments + 1));
        return Build(StorageKind.AzureBlob, segments[accountSegments], rest, endpoint, out location, out error);
    }

    private static bool Build(StorageKind kind, string container, string path, Uri? endpoint, [NotNullWhen(true)] out StorageLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        container = container.ToLowerInvariant();
        var valid = kind == StorageKind.S3 ? BucketName().IsMatch(container) : ContainerName().IsMatch(container) && !container.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            error = kind == StorageKind.S3
                ? $"'{container}' is not an S3 bucket name (3-63 lower-case letters, digits, '.' and '-')"
                : $"'{container}' is not an Azure container name (3-63 lower-case letters, digits and single '-')";
            return false;
        }

        var key = Uri.UnescapeDataString(path).Trim('/');
        if (key.Contains("//", StringComparison.Ordinal))
        {
            error = $"'{key}' has an empty folder ('//')";
            return false;
        }

        location = new StorageLocation(kind, container, key, endpoint);
        error = null;
        return true;
    }

    private static string Redact(Uri uri) => uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
