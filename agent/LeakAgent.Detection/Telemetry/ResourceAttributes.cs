namespace LeakAgent.Detection.Telemetry;

/// <summary>Reads one key of <c>OTEL_RESOURCE_ATTRIBUTES</c> (<c>k1=v1,k2=v2</c>, values percent-encoded), as the SDK does.</summary>
internal static class ResourceAttributes
{
    public const string Variable = "OTEL_RESOURCE_ATTRIBUTES";

    /// <param name="attributes">The variable's value (null when unset).</param>
    /// <param name="key">The attribute, e.g. <c>service.instance.id</c>.</param>
    public static string? Get(string? attributes, string key)
    {
        if (attributes is null)
        {
            return null;
        }

        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() == key)
            {
                var value = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
