namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>Limits of one static scan (from <see cref="Configuration.StaticsOptions"/> and <see cref="Configuration.StaticsDefaults"/>).</summary>
internal sealed record StaticScanSettings
{
    /// <summary>Object fields followed below a static field (0: only the static's own value is measured).</summary>
    public int Depth { get; init; } = Configuration.StaticsDefaults.Depth;

    /// <summary>Objects visited per scan at most, so a huge or cyclic graph cannot make a scan expensive.</summary>
    public int MaxObjectsPerScan { get; init; } = Configuration.StaticsDefaults.MaxObjectsPerScan;

    /// <summary>Concurrent collections are counted on every Nth scan only (the first scan included).</summary>
    public int RareCollectionEvery { get; init; } = Configuration.StaticsDefaults.ConcurrentCollectionEvery;
}
