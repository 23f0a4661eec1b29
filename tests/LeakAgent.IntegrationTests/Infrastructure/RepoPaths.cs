namespace LeakAgent.IntegrationTests.Infrastructure;

/// <summary>Where things are in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding LeakAgent.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The laid-out agent (build.sh writes it).</summary>
    public static string AgentLayout => Path.Combine(Root, "artifacts", "leakagent");

    /// <summary>The startup hook assembly to point DOTNET_STARTUP_HOOKS at.</summary>
    public static string StartupHook => Path.Combine(AgentLayout, "LeakAgent.StartupHook.dll");

    /// <summary>The published <c>leakagent</c> command-line tool (build.sh writes it).</summary>
    public static string Cli => Path.Combine(Root, "artifacts", "cli", "leakagent.dll");

    /// <summary>A sample's built app for a framework (built by the solution build).</summary>
    public static string SampleDll(string sample, string framework = "net10.0")
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(Root, "samples", sample, "bin", configuration, framework, sample + ".dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"sample {sample} ({framework}) is not built; run ./build.sh first");
    }

    /// <summary>A test target's built app (tests/TestTargets, built by the solution build).</summary>
    public static string TestTargetDll(string target)
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(Root, "tests", "TestTargets", target, "bin", configuration, "net10.0", target + ".dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"test target {target} is not built; run ./build.sh first");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LeakAgent.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LeakAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
