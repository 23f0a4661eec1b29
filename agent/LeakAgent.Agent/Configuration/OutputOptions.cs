using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>Where the agent's own output goes: the self-log and the human summary.</summary>
/// <remarks>Reads <c>LEAKAGENT_LOG</c>, <c>LEAKAGENT_CONSOLE</c>, <c>LEAKAGENT_CONSOLE_INTERVAL</c> at start.</remarks>
internal sealed class OutputOptions
{
    public OutputOptions(SettingsReader settings)
    {
        LogTarget = settings.GetString(ConfigurationKeys.Log) ?? "stderr";
        Console = settings.GetChoice(ConfigurationKeys.Console, "auto", "auto", "on", "off");
        ConsoleInterval = settings.GetDuration(ConfigurationKeys.ConsoleInterval, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }

    /// <summary><c>stderr</c>, <c>off</c>, or a file path.</summary>
    public string LogTarget { get; }

    /// <summary><c>auto</c>, <c>on</c> or <c>off</c>.</summary>
    public string Console { get; }

    public TimeSpan ConsoleInterval { get; }
}
