using System.CommandLine;
using LeakAgent.Cli.Launch;

namespace LeakAgent.Cli.Commands;

/// <summary>
/// <c>leakagent run [options] -- &lt;command…&gt;</c>: runs any .NET command with the agent attached and returns its
/// exit code; stdin/stdout/stderr are shared and SIGTERM/SIGHUP are forwarded.
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var agentDir = new Option<string>("--agent-dir")
        {
            Description = $"The agent layout (the folder holding {AgentLayout.HookFileName} and agent/). Default: ${AgentLocator.HomeVariable}, else beside this tool.",
            HelpName = "dir",
        };
        var settings = new AgentSettingsOptions();
        var commandLine = new Argument<string[]>("command")
        {
            Description = "The command to run, after '--': e.g. -- dotnet MyApp.dll --port 8080.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("run", "Run a .NET command with the leak agent attached (sets DOTNET_STARTUP_HOOKS and the agent's settings); returns the command's exit code.")
        {
            agentDir, commandLine,
        };
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, _) =>
        {
            var layout = AgentLocator.Find(parseResult.GetValue(agentDir), Environment.GetEnvironmentVariable(AgentLocator.HomeVariable), AppContext.BaseDirectory);
            var environment = AgentEnvironment.Build(layout.HookPath, Environment.GetEnvironmentVariable(AgentEnvironment.StartupHooksVariable),
                settings.Read(parseResult, makePathsAbsolute: true));
            return await ChildProcessRunner.RunAsync(parseResult.GetRequiredValue(commandLine), environment).ConfigureAwait(false);
        });
        return command;
    }
}
