namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary><c>leakagent watch</c>: the bearer token the alert webhook requires; the webhook is off without one.</summary>
    public const string WatchToken = "LEAKAGENT_WATCH_TOKEN";

    /// <summary><c>leakagent watch</c>: a file holding the webhook's bearer token (a mounted secret).</summary>
    public const string WatchTokenFile = "LEAKAGENT_WATCH_TOKEN_FILE";

    /// <summary><c>leakagent watch</c>: the webhook's address, <c>host:port</c> (default 127.0.0.1:9095).</summary>
    public const string WatchListen = "LEAKAGENT_WATCH_LISTEN";

    /// <summary><c>leakagent watch</c>: how often the diagnostics sockets are re-scanned for starts and exits.</summary>
    public const string WatchScanInterval = "LEAKAGENT_WATCH_SCAN_INTERVAL";

    /// <summary><c>leakagent watch</c>: the refresh interval asked of the target's System.Diagnostics.Metrics source.</summary>
    public const string WatchMetricsInterval = "LEAKAGENT_WATCH_METRICS_INTERVAL";

    /// <summary><c>leakagent watch</c>: on (default) | off: induce a full GC in a target that runs too few for a verdict.</summary>
    public const string WatchInduceGc = "LEAKAGENT_WATCH_INDUCE_GC";
}
