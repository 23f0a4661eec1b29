namespace LeakAgent.Cli.Launch;

/// <summary>The environment variables that attach the agent to a .NET process.</summary>
internal static class AgentEnvironment
{
    /// <summary>The runtime's startup hook variable.</summary>
    public const string StartupHooksVariable = "DOTNET_STARTUP_HOOKS";

    /// <summary>
    /// <c>DOTNET_STARTUP_HOOKS</c> pointing at the hook — appended to hooks the user already set (the runtime runs
    /// a path-separator list in order) — followed by the agent settings.
    /// </summary>
    /// <param name="hookPath">The hook assembly's path.</param>
    /// <param name="existingHooks">The inherited <c>DOTNET_STARTUP_HOOKS</c>, or null.</param>
    /// <param name="settings">Agent settings from the command line.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(string hookPath, string? existingHooks, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var hooks = string.IsNullOrEmpty(existingHooks)
            ? hookPath
            : existingHooks.Split(Path.PathSeparator).Contains(hookPath, StringComparer.Ordinal) ? existingHooks : existingHooks + Path.PathSeparator + hookPath;
        return [new(StartupHooksVariable, hooks), .. settings];
    }
}
