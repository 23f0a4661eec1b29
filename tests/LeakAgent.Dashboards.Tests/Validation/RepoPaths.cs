namespace LeakAgent.Dashboards.Tests.Validation;

/// <summary>Paths in the repository, found by walking up from the test assembly to LeakAgent.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The dashboards/ folder.</summary>
    public static string Dashboards => Path.Combine(Root, "dashboards");

    /// <summary>A path under dashboards/, with forward slashes.</summary>
    public static string InDashboards(string relative) => Path.Combine(Dashboards, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeakAgent.sln")) && Directory.Exists(Path.Combine(dir.FullName, "dashboards")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LeakAgent.sln with a dashboards/ folder above {AppContext.BaseDirectory}.");
    }
}
