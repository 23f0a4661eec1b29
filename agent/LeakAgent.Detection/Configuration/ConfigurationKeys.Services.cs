namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary><c>on</c> (default) or <c>off</c>: the scan of the host's DI singletons and memory caches. Its
    /// interval, depth and assembly filter are the static scan's (<c>LEAKAGENT_STATICS_INTERVAL</c>, ...).</summary>
    public const string Services = "LEAKAGENT_SERVICES";
}
