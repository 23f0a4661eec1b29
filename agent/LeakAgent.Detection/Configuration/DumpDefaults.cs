namespace LeakAgent.Detection.Configuration;

/// <summary>Defaults of the automatic gcdump (docs/configuration.md says why these).</summary>
internal static class DumpDefaults
{
    /// <summary>The temp folder: writable in nearly every container; mount a volume there to keep dumps.</summary>
    public static readonly string Directory = Path.Combine(Path.GetTempPath(), "leakagent");
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(30);
    public const int MaxCount = 5;
    public const long MaxTotalSizeBytes = 2L * 1024 * 1024 * 1024;
    /// <summary>4 GB: a bigger heap costs hundreds of MB and seconds of collection to snapshot; take it by hand.</summary>
    public const long MaxHeapBytes = 4L * 1024 * 1024 * 1024;
    /// <summary>How the default event buffer is described: it has no fixed size, it is sized from the heap's object count.</summary>
    public const string AutomaticBufferSize = "automatic (sized from the heap's object count)";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>After a skip for memory or a failure, the soonest the next attempt may come (if the check then passes).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    /// <summary>Retries between two written dumps: each failed walk paused the app once.</summary>
    public const int MaxRetries = 4;
}
