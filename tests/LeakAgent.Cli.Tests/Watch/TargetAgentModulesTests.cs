using LeakAgent.Cli.Watch.Targets;
using Xunit;

namespace LeakAgent.Cli.Tests.Watch;

public sealed class TargetAgentModulesTests
{
    private static readonly Func<string, IEnumerable<string>> s_list = dir => [Path.Combine(dir, "LeakAgent.Agent.dll"), Path.Combine(dir, "OpenTelemetry.dll")];

    [Fact]
    public void HookAmongOtherHooks_GivesTheHookAndTheAgentFolderBesideIt()
    {
        var env = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = "/opt/other/Other.dll" + Path.PathSeparator + "/opt/leakagent/LeakAgent.StartupHook.dll" };

        Assert.Equal(["/opt/leakagent/LeakAgent.StartupHook.dll", "/opt/leakagent/agent/LeakAgent.Agent.dll", "/opt/leakagent/agent/OpenTelemetry.dll"], TargetAgentModules.FromEnvironment(env, s_list));
    }

    [Fact]
    public void AgentDirSetting_WinsOverTheFolderBesideTheHook()
    {
        var env = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = "/hook/LeakAgent.StartupHook.dll", ["LEAKAGENT_AGENT_DIR"] = "/custom/agent" };

        Assert.Contains("/custom/agent/LeakAgent.Agent.dll", TargetAgentModules.FromEnvironment(env, s_list));
    }

    [Fact]
    public void NoHook_NothingIsTheAgents()
    {
        Assert.Empty(TargetAgentModules.FromEnvironment(new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = "/opt/other/Other.dll" }, s_list));
        Assert.Empty(TargetAgentModules.FromEnvironment(new Dictionary<string, string>(), s_list));
    }

    [Fact]
    public void ProcessThatDoesNotExist_NothingAndNoException()
    {
        Assert.Empty(TargetAgentModules.Of(int.MaxValue));
    }
}
