namespace LeakAgent.Snapshots.Tests.TestSupport;

/// <summary>Finds the committed fixtures: tests/fixtures under the repository root (the folder holding LeakAgent.sln).</summary>
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
                string fixtures = Path.Combine(dir.FullName, "tests", "fixtures");
                return System.IO.Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"No fixtures at {fixtures}.");
            }
        }
        throw new DirectoryNotFoundException($"No LeakAgent.sln above {AppContext.BaseDirectory}.");
    }
}
