namespace LeakAgent.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh path under the temp folder for a test's files (dumps, mostly), not created up front (the agent creates
/// its dump directory itself, with its own mode), removed with everything in it on dispose.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>A new path named <paramref name="prefix"/> plus a unique suffix.</summary>
    public ScratchDirectory(string prefix) => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
