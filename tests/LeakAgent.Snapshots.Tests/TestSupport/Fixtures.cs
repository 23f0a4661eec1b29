namespace LeakAgent.Snapshots.Tests.TestSupport;

/// <summary>Finds the shared fixtures: the folder beside the repository root (the one holding LeakAgent.sln).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_directory = new(Locate);

    public static string Directory => s_directory.Value;

    public static string SeedsGcDump => Path.Combine(Directory, "seeds.gcdump");

    public static string SeedsReport => Path.Combine(Directory, "seeds.report.txt");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeakAgent.sln")))
            {
                string fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                return System.IO.Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"No shared fixtures at {fixtures}.");
            }
        }
        throw new DirectoryNotFoundException($"No LeakAgent.sln above {AppContext.BaseDirectory}.");
    }
}
