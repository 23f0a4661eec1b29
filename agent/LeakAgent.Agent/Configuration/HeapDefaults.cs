namespace LeakAgent.Agent.Configuration;

/// <summary>Defaults of the heap-trend detector (docs/configuration.md says why these).</summary>
internal static class HeapDefaults
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>1 MB/min: a pod with 1 GB of headroom is OOMKilled within a day at this rate.</summary>
    public const double GrowthThresholdBytesPerSecond = 1024d * 1024 / 60;

    public const double MinFit = 0.8;
}
