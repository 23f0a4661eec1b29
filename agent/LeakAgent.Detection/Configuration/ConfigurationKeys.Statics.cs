namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary><c>on</c> (default) or <c>off</c>: the static collection scan.</summary>
    public const string Statics = "LEAKAGENT_STATICS";

    /// <summary>How often static fields are scanned.</summary>
    public const string StaticsInterval = "LEAKAGENT_STATICS_INTERVAL";

    /// <summary>Comma-separated assembly name patterns to scan (default: all but the framework's and the agent's).</summary>
    public const string StaticsInclude = "LEAKAGENT_STATICS_INCLUDE";

    /// <summary>Comma-separated assembly name patterns never to scan.</summary>
    public const string StaticsExclude = "LEAKAGENT_STATICS_EXCLUDE";

    /// <summary>How many object fields below a static the scan follows.</summary>
    public const string StaticsDepth = "LEAKAGENT_STATICS_DEPTH";
}
