using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Launch;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Launch;

public class AgentLocatorTests
{
    [Fact]
    public void Find_ArtifactsLayout_FindsSiblingOfCliFolder()
    {
        using var root = new TempDirectory();
        string layout = MakeLayout(Path.Combine(root.Path, "artifacts", "leakagent"));
        string cli = Directory.CreateDirectory(Path.Combine(root.Path, "artifacts", "cli")).FullName;

        Assert.Equal(layout, AgentLocator.Find(null, null, cli).Directory);
    }

    [Fact]
    public void Find_PayloadPackagedWithTool_FindsFolderInsideCliFolder()
    {
        using var root = new TempDirectory();
        string layout = MakeLayout(Path.Combine(root.Path, "tool", "leakagent"));

        Assert.Equal(layout, AgentLocator.Find(null, null, Path.Combine(root.Path, "tool")).Directory);
    }

    [Fact]
    public void Find_OptionBeatsHome_AndWrongOptionIsAnErrorNotAFallback()
    {
        using var root = new TempDirectory();
        string option = MakeLayout(Path.Combine(root.Path, "a"));
        string home = MakeLayout(Path.Combine(root.Path, "b"));

        Assert.Equal(option, AgentLocator.Find(option, home, root.Path).Directory);
        Assert.Equal(home, AgentLocator.Find(null, home, root.Path).Directory);
        var error = Assert.Throws<CliException>(() => AgentLocator.Find(Path.Combine(root.Path, "missing"), home, root.Path));
        Assert.Equal(ExitCodes.AgentNotFound, error.ExitCode);
        Assert.Contains("--agent-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NothingAnywhere_NamesThePlacesSearched()
    {
        using var root = new TempDirectory();
        var error = Assert.Throws<CliException>(() => AgentLocator.Find(null, null, root.Path));
        Assert.Equal(ExitCodes.AgentNotFound, error.ExitCode);
        Assert.Contains(Path.Combine(root.Path, "leakagent"), error.Message, StringComparison.Ordinal);
        Assert.Contains("LEAKAGENT_HOME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExistingHooks_AppendsOursOnce()
    {
        var environment = AgentEnvironment.Build("/a/LeakAgent.StartupHook.dll", "/x/Other.dll", [new("LEAKAGENT_DUMP_DIR", "/d")]);
        Assert.Equal(
        [
            new("DOTNET_STARTUP_HOOKS", "/x/Other.dll" + Path.PathSeparator + "/a/LeakAgent.StartupHook.dll"),
            new("LEAKAGENT_DUMP_DIR", "/d"),
        ], environment);
        Assert.Equal("/a/LeakAgent.StartupHook.dll", AgentEnvironment.Build("/a/LeakAgent.StartupHook.dll", "/a/LeakAgent.StartupHook.dll", [])[0].Value);
    }

    private static string MakeLayout(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "agent"));
        File.WriteAllText(Path.Combine(directory, "LeakAgent.StartupHook.dll"), string.Empty);
        File.WriteAllText(Path.Combine(directory, "agent", "LeakAgent.Agent.dll"), string.Empty);
        return Path.GetFullPath(directory);
    }
}
