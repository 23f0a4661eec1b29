namespace LeakAgent.Detection.Configuration;

/// <summary>Settings of the automatic gcdump.</summary>
/// <remarks>Reads <c>LEAKAGENT_DUMP</c>, <c>LEAKAGENT_DUMP_DIR</c>, <c>LEAKAGENT_DUMP_COOLDOWN</c>,
/// <c>LEAKAGENT_DUMP_MAX_COUNT</c>, <c>LEAKAGENT_DUMP_MAX_TOTAL_SIZE</c>, <c>LEAKAGENT_DUMP_TIMEOUT</c>, <c>LEAKAGENT_DUMP_BUFFER_SIZE</c>, <c>LEAKAGENT_DUMP_MAX_HEAP</c> at start, and the upload settings (<see cref="UploadOptions"/>).</remarks>
internal sealed class DumpOptions
{
    public DumpOptions(SettingsReader settings)
    {
        Enabled = settings.GetBool(ConfigurationKeys.Dump, true);
        Directory = settings.GetString(ConfigurationKeys.DumpDirectory) ?? DumpDefaults.Directory;
        Cooldown = settings.GetDuration(ConfigurationKeys.DumpCooldown, DumpDefaults.Cooldown, TimeSpan.Zero);
        MaxCount = settings.GetInt(ConfigurationKeys.DumpMaxCount, DumpDefaults.MaxCount, 0, 1000);
        MaxTotalSizeBytes = settings.GetSize(ConfigurationKeys.DumpMaxTotalSize, DumpDefaults.MaxTotalSizeBytes);
        Timeout = settings.GetDuration(ConfigurationKeys.DumpTimeout, DumpDefaults.Timeout, TimeSpan.FromSeconds(1));
        var buffer = settings.GetOptionalSize(ConfigurationKeys.DumpBufferSize, DumpDefaults.AutomaticBufferSize);
        BufferSizeMB = buffer is { } bytes ? (int)Math.Clamp(bytes / (1024 * 1024), 1, 4096) : null;
        MaxHeapBytes = settings.GetSize(ConfigurationKeys.DumpMaxHeap, DumpDefaults.MaxHeapBytes);
        Upload = new UploadOptions(settings);
    }

    /// <summary>Where complete dumps are uploaded, if anywhere.</summary>
    public UploadOptions Upload { get; init; }

    /// <summary>The session buffer in MB, or null to size it from the heap.</summary>
    public int? BufferSizeMB { get; init; }

    public long MaxHeapBytes { get; init; }

    public bool Enabled { get; init; }

    public string Directory { get; init; }

    public TimeSpan Cooldown { get; init; }

    public int MaxCount { get; init; }

    public long MaxTotalSizeBytes { get; init; }

    public TimeSpan Timeout { get; init; }
}
