using System.Reflection;

namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>Paths the test project bakes in at build time (see the .csproj).</summary>
internal static class TestEnvironment
{
    public static string HeapTargetPath => Path.GetFullPath(Metadata("HeapTargetPath"));

    public static string TestToolsPath => Path.GetFullPath(Metadata("TestToolsPath"));

    /// <summary>The dotnet host that runs the tests, so targets run on the same runtime.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key);
}
