using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Errors;

/// <summary>Broken inputs made from the fixture once per test run: truncated, not a gcdump, empty, a newer version.</summary>
internal static class BadInputFiles
{
    private static readonly Lazy<string> s_directory = new(Create);

    public static string Directory => s_directory.Value;

    public static string Truncated => Path.Combine(Directory, "truncated.gcdump");

    public static string NotAGcDump => Path.Combine(Directory, "notes.txt");

    public static string Empty => Path.Combine(Directory, "empty.gcdump");

    public static string NewerVersion => Path.Combine(Directory, "newer.gcdump");

    public static string EmptyFolder => Path.Combine(Directory, "empty-folder");

    public static string Missing => Path.Combine(Directory, "missing.gcdump");

    private static string Create()
    {
        string directory = Path.Combine(Path.GetTempPath(), "leakagent-cli-bad-inputs-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(directory);
        var seeds = File.ReadAllBytes(TestPaths.SeedsGcDump);
        File.WriteAllBytes(Path.Combine(directory, "truncated.gcdump"), seeds[..(seeds.Length / 2)]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "empty-folder"));
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "this is not a heap dump\n");
        File.WriteAllBytes(Path.Combine(directory, "empty.gcdump"), []);

        // GCHeapDump's type header: after the 24-byte file header, BeginObject, BeginObject, NullReference, then
        // int32 version and int32 minimum reader version (GCDUMP-FORMAT.md). A future writer raises both.
        var newer = (byte[])seeds.Clone();
        BitConverter.TryWriteBytes(newer.AsSpan(27, 4), 12);
        BitConverter.TryWriteBytes(newer.AsSpan(31, 4), 11);
        File.WriteAllBytes(Path.Combine(directory, "newer.gcdump"), newer);
        return directory;
    }
}
