namespace LeakAgent.Detection.Configuration;

/// <summary>Settings of the heap-trend detector.</summary>
/// <remarks>Reads <c>LEAKAGENT_HEAP_POLL_INTERVAL</c>, <c>LEAKAGENT_HEAP_WINDOW</c>,
/// <c>LEAKAGENT_HEAP_GROWTH_THRESHOLD</c>, <c>LEAKAGENT_HEAP_MIN_FIT</c>, <c>LEAKAGENT_HEAP_MIN_SAMPLES</c> at start.</remarks>
internal sealed class HeapOptions
{
    public HeapOptions(SettingsReader settings)
    {
        PollInterval = settings.GetDuration(ConfigurationKeys.HeapPollInterval, HeapDefaults.PollInterval, TimeSpan.FromMilliseconds(50));
        Window = settings.GetDuration(ConfigurationKeys.HeapWindow, HeapDefaults.Window, TimeSpan.FromSeconds(1));
        GrowthThresholdBytesPerSecond = settings.GetRate(ConfigurationKeys.HeapGrowthThreshold, HeapDefaults.GrowthThresholdBytesPerSecond);
        MinFit = settings.GetDouble(ConfigurationKeys.HeapMinFit, HeapDefaults.MinFit, 0, 1);
        MinSamples = settings.GetInt(ConfigurationKeys.HeapMinSamples, HeapDefaults.MinSamples, 4, HeapDefaults.MaxFitSamples);
    }

    public TimeSpan PollInterval { get; init; }

    public TimeSpan Window { get; init; }

    public double GrowthThresholdBytesPerSecond { get; init; }

    public double MinFit { get; init; }

    /// <summary>The fewest full-GC samples a verdict needs.</summary>
    public int MinSamples { get; init; }

    /// <summary>The shortest span of time the samples must cover (half the window).</summary>
    public TimeSpan MinSpan => Window * HeapDefaults.MinSpanFraction;

    /// <summary>How far back samples are kept for apps that rarely run a full GC.</summary>
    public TimeSpan LookBack => Window * HeapDefaults.LookBackWindows;
}
