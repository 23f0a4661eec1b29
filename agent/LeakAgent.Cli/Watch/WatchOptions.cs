using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Detection.Configuration;

namespace LeakAgent.Cli.Watch;

/// <summary>
/// The watch's settings: the agent's own heap and dump settings (same names, defaults and validation, read by the
/// same <see cref="SettingsReader"/>), plus the watch's. Command-line options were already folded into the values
/// under the variable names they stand for, so an option wins over the environment.
/// </summary>
/// <remarks>Reads <c>LEAKAGENT_HEAP_*</c>, <c>LEAKAGENT_DUMP_*</c>, <c>LEAKAGENT_WATCH_*</c> at start.</remarks>
internal sealed class WatchOptions
{
    /// <summary>The webhook's default address: the port the dashboards' Alertmanager example routes to.</summary>
    public const string DefaultListen = "127.0.0.1:9095";

    public WatchOptions(TargetSelector targets, SettingsReader settings)
    {
        Targets = targets;
        Heap = new HeapOptions(settings);
        Dump = new DumpOptions(settings);
        ScanInterval = settings.GetDuration(ConfigurationKeys.WatchScanInterval, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        MetricsInterval = settings.GetDuration(ConfigurationKeys.WatchMetricsInterval, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        Token = settings.GetString(ConfigurationKeys.WatchToken);
        TokenFile = settings.GetString(ConfigurationKeys.WatchTokenFile);
        Listen = settings.GetString(ConfigurationKeys.WatchListen);
        InduceFullGc = settings.GetBool(ConfigurationKeys.WatchInduceGc, true);
    }

    public TargetSelector Targets { get; }

    public HeapOptions Heap { get; }

    /// <summary>Dump directory and limits; <see cref="DumpOptions.Enabled"/> governs dumps on the watch's own detection.</summary>
    public DumpOptions Dump { get; }

    public TimeSpan ScanInterval { get; }

    public TimeSpan MetricsInterval { get; }

    /// <summary>The webhook token given directly, if any.</summary>
    public string? Token { get; }

    /// <summary>The file holding the webhook token, if any.</summary>
    public string? TokenFile { get; }

    /// <summary>The webhook address asked for, or null for the default.</summary>
    public string? Listen { get; }

    /// <summary>Whether a target with too few full GCs for a verdict gets one induced now and then (FullGcInducer).</summary>
    public bool InduceFullGc { get; }
}
