using System.CommandLine;
using LeakAgent.Cli.Launch;
using LeakAgent.Cli.Output;

namespace LeakAgent.Cli.Commands;

/// <summary><c>leakagent env</c>: the lines that attach the agent in a shell, a Dockerfile or a Kubernetes pod spec.</summary>
internal static class EnvCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var format = new Option<EnvFormat>("--format", "-f")
        {
            Description = "sh (export lines for this machine), dockerfile (COPY + ENV lines) or k8s (an init-container, a shared volume and an env: block).",
            DefaultValueFactory = _ => EnvFormat.Sh,
        };
        format.AcceptOnlyFromAmong("sh", "dockerfile", "k8s");
        var agentPath = new Option<string>("--agent-path")
        {
            Description = "Where the agent layout is (sh: default this tool's agent) or will be inside the image or pod (dockerfile: default /leakagent; k8s: the pod's mount, default /agent).",
            HelpName = "dir",
        };
        var image = new Option<string>("--image")
        {
            Description = "k8s: the image the init-container copies the agent from (it must hold the layout at /leakagent).",
            DefaultValueFactory = _ => EnvWriter.DefaultImage,
            HelpName = "image",
        };
        var settings = new AgentSettingsOptions();
        var command = new Command("env", "Print the environment that attaches the agent: shell exports, Dockerfile lines, or a Kubernetes snippet.")
        {
            format, agentPath, image,
        };
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var chosenFormat = parseResult.GetValue(format);
            var values = settings.Read(parseResult, makePathsAbsolute: chosenFormat == EnvFormat.Sh);
            string? path = parseResult.GetValue(agentPath);
            switch (chosenFormat)
            {
                case EnvFormat.Dockerfile:
                    EnvWriter.WriteDockerfile(output, path ?? EnvWriter.ImageAgentPath, values);
                    break;
                case EnvFormat.K8s:
                    EnvWriter.WriteKubernetes(output, path ?? EnvWriter.PodAgentPath, parseResult.GetValue(image) ?? EnvWriter.DefaultImage, values);
                    break;
                default:
                    // For this machine the layout must exist: find it the way run does.
                    var layout = path is null
                        ? AgentLocator.Find(null, Environment.GetEnvironmentVariable(AgentLocator.HomeVariable), AppContext.BaseDirectory)
                        : AgentLocator.Find(path, null, AppContext.BaseDirectory);
                    EnvWriter.WriteShell(output, layout.Directory, values);
                    parseResult.InvocationConfiguration.Error.WriteLine(EnvWriter.ShellWarning);
                    break;
            }

            return 0;
        });
        return command;
    }
}
