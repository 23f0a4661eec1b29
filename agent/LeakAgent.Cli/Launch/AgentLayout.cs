namespace LeakAgent.Cli.Launch;

/// <summary>
/// A laid-out agent: <c>LeakAgent.StartupHook.dll</c> with an <c>agent/</c> folder holding <c>LeakAgent.Agent.dll</c>
/// beside it (what build.sh writes to artifacts/leakagent and what images copy to /leakagent).
/// </summary>
/// <param name="Directory">The folder holding the hook.</param>
internal sealed record AgentLayout(string Directory)
{
    /// <summary>The hook's file name: what <c>DOTNET_STARTUP_HOOKS</c> points at.</summary>
    public const string HookFileName = "LeakAgent.StartupHook.dll";

    /// <summary>The agent folder's name; the hook looks for it beside itself.</summary>
    public const string AgentFolderName = "agent";

    /// <summary>The agent assembly inside <see cref="AgentFolderName"/>.</summary>
    public const string AgentFileName = "LeakAgent.Agent.dll";

    /// <summary>The full path of the startup hook.</summary>
    public string HookPath => Path.Combine(Directory, HookFileName);

    /// <summary>Whether <paramref name="directory"/> holds a complete layout.</summary>
    public static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, HookFileName)) && File.Exists(Path.Combine(directory, AgentFolderName, AgentFileName));
}
