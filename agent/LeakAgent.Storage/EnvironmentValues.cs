namespace LeakAgent.Storage;

/// <summary>A variable of the environment snapshot the stores are made from: trimmed, or null when unset or blank.</summary>
internal static class EnvironmentValues
{
    public static string? Get(IReadOnlyDictionary<string, string?> environment, string key) =>
        environment.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
