namespace LeakAgent.Detection.Configuration;

/// <summary>
/// Every environment variable the agent reads, one partial file per feature. These names are a public contract
/// (docs/configuration.md documents each with its default and unit).
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary><c>true</c> (default) or <c>false</c>: whether the hook loads the agent at all.</summary>
    public const string Enabled = "LEAKAGENT_ENABLED";

    /// <summary>Tests only: rethrow start-up failures into the app instead of logging them.</summary>
    public const string FailFast = "LEAKAGENT_FAIL_FAST";

    /// <summary>Self-log target: <c>stderr</c> (default), <c>off</c>, or a file path.</summary>
    public const string Log = "LEAKAGENT_LOG";

    /// <summary>The human summary on stderr: <c>auto</c> (on when no OTLP endpoint is configured), <c>on</c>, <c>off</c>.</summary>
    public const string Console = "LEAKAGENT_CONSOLE";

    /// <summary>How often the human summary is printed.</summary>
    public const string ConsoleInterval = "LEAKAGENT_CONSOLE_INTERVAL";
}
