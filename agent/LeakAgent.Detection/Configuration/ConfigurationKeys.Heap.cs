namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary>How often the post-full-GC heap floor is polled.</summary>
    public const string HeapPollInterval = "LEAKAGENT_HEAP_POLL_INTERVAL";

    /// <summary>The time window the heap slope is fitted over.</summary>
    public const string HeapWindow = "LEAKAGENT_HEAP_WINDOW";

    /// <summary>The slope (size per time) above which a leak is suspected.</summary>
    public const string HeapGrowthThreshold = "LEAKAGENT_HEAP_GROWTH_THRESHOLD";

    /// <summary>The minimum fit (0..1) for a slope to count.</summary>
    public const string HeapMinFit = "LEAKAGENT_HEAP_MIN_FIT";

    /// <summary>The fewest full-GC samples a heap verdict needs.</summary>
    public const string HeapMinSamples = "LEAKAGENT_HEAP_MIN_SAMPLES";
}
