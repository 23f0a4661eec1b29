using System.Reflection;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>Where the tests find the CLI, the target apps, the agent layout and the committed fixtures.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding LeakAgent.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The built CLI (leakagent.dll), run with <c>dotnet</c>.</summary>
    public static string Cli => Metadata("CliPath");

    /// <summary>The growing target app.</summary>
    public static string GrowingTarget => Metadata("GrowingTargetPath");

    /// <summary>The HelloWorld sample (net10.0).</summary>
    public static string HelloWorld => Metadata("HelloWorldPath");

    /// <summary>The agent layout build.sh writes.</summary>
    public static string AgentLayout
    {
        get
        {
            string layout = Path.Combine(Root, "artifacts", "leakagent");
            return File.Exists(Path.Combine(layout, "LeakAgent.StartupHook.dll")) && File.Exists(Path.Combine(layout, "agent", "LeakAgent.Agent.dll"))
                ? layout
                : throw new InvalidOperationException($"no agent layout at {layout}: run ./build.sh first");
        }
    }

    /// <summary>The fixtures committed in the repository (tests/fixtures).</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>The upstream-written fixture dump.</summary>
    public static string SeedsGcDump => Path.Combine(Fixtures, "seeds.gcdump");

    /// <summary>Upstream's report of the fixture.</summary>
    public static string SeedsReport => Path.Combine(Fixtures, "seeds.report.txt");

    private static string Metadata(string key)
    {
        string path = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{key} is not built: {path}");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LeakAgent.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LeakAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
