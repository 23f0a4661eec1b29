namespace LeakAgent.Storage;

/// <summary>The content type stored with an object, so a browser or console shows a report as JSON.</summary>
internal static class ContentTypes
{
    public static string Of(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/octet-stream";
}
