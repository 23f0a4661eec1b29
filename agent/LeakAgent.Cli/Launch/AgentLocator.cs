using LeakAgent.Cli.Errors;

namespace LeakAgent.Cli.Launch;

/// <summary>
/// Finds the agent layout: <c>--agent-dir</c>, else <c>LEAKAGENT_HOME</c>, else beside the CLI's own install
/// (<c>&lt;cli&gt;/leakagent</c> when packaged with the tool, <c>&lt;cli&gt;/../leakagent</c> when run from
/// artifacts/cli).
/// </summary>
internal static class AgentLocator
{
    /// <summary>The environment variable naming the agent layout folder.</summary>
    public const string HomeVariable = "LEAKAGENT_HOME";

    /// <summary>Finds the layout or explains where it looked.</summary>
    /// <param name="agentDirectory">The <c>--agent-dir</c> value, or null.</param>
    /// <param name="home">The <c>LEAKAGENT_HOME</c> value, or null.</param>
    /// <param name="cliDirectory">The folder the CLI runs from.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="CliException">No complete layout (exit code <see cref="ExitCodes.AgentNotFound"/>).</exception>
    public static AgentLayout Find(string? agentDirectory, string? home, string cliDirectory)
    {
        // An explicit choice that is wrong is an error, not a reason to quietly use another agent.
        if (!string.IsNullOrWhiteSpace(agentDirectory))
        {
            return Require(agentDirectory, "--agent-dir");
        }

        if (!string.IsNullOrWhiteSpace(home))
        {
            return Require(home, HomeVariable);
        }

        string[] candidates =
        [
            Path.Combine(cliDirectory, "leakagent"),
            Path.Combine(cliDirectory, "..", "leakagent"),
        ];
        foreach (var candidate in candidates)
        {
            if (AgentLayout.IsComplete(candidate))
            {
                return new AgentLayout(Path.GetFullPath(candidate));
            }
        }

        throw new CliException(
            $"agent not found: looked in {string.Join(" and ", candidates.Select(c => "'" + Path.GetFullPath(c) + "'"))}; "
            + $"pass --agent-dir or set {HomeVariable} to the folder holding {AgentLayout.HookFileName} and {AgentLayout.AgentFolderName}/ (./build.sh writes artifacts/leakagent)",
            ExitCodes.AgentNotFound);
    }

    private static AgentLayout Require(string directory, string source)
    {
        string full = Path.GetFullPath(directory);
        if (!AgentLayout.IsComplete(full))
        {
            throw new CliException(
                $"agent not found: {source} is '{full}', which does not hold {AgentLayout.HookFileName} and {AgentLayout.AgentFolderName}/{AgentLayout.AgentFileName}",
                ExitCodes.AgentNotFound);
        }

        return new AgentLayout(full);
    }
}
