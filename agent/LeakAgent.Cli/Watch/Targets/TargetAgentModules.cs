namespace LeakAgent.Cli.Watch.Targets;

/// <summary>
/// The module files of a LeakAgent agent that the startup hook loaded into a watched process, so the watch's leak
/// report leaves the agent's objects out just as the in-process report does (docs/automatic-dumps.md).
/// </summary>
/// <remarks>
/// Read from the target's start-up environment (<c>/proc/PID/environ</c>): the hook named in
/// <c>DOTNET_STARTUP_HOOKS</c> and the agent folder beside it (or <c>LEAKAGENT_AGENT_DIR</c>). Empty when the hook
/// is not there or the environment cannot be read (another user's process, not Linux): the report then counts
/// everything as the app's, as it always did.
/// </remarks>
internal static class TargetAgentModules
{
    private const string HookFileName = "LeakAgent.StartupHook.dll";

    public static IReadOnlyList<string> Of(int processId)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{processId}/environ");
            return FromEnvironment(Parse(raw), ListAssemblies);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The hook and the agent folder's assemblies named by <paramref name="environment"/>.</summary>
    internal static IReadOnlyList<string> FromEnvironment(IReadOnlyDictionary<string, string> environment, Func<string, IEnumerable<string>> listAssemblies)
    {
        var hook = environment.GetValueOrDefault("DOTNET_STARTUP_HOOKS", string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(h => Path.GetFileName(h).Equals(HookFileName, StringComparison.OrdinalIgnoreCase));
        if (hook is null || Path.GetDirectoryName(hook) is not { } hookDirectory)
        {
            return [];
        }

        var agentDirectory = environment.GetValueOrDefault("LEAKAGENT_AGENT_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(hookDirectory, "agent");
        return [hook, .. listAssemblies(agentDirectory)];
    }

    private static IEnumerable<string> ListAssemblies(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.dll") : [];

    private static Dictionary<string, string> Parse(string environ)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in environ.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        return result;
    }
}
