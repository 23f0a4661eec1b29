namespace LeakAgent.StartupHook;

/// <summary>The few settings the hook itself needs; the agent reads the rest.</summary>
internal sealed class HookSettings
{
    public const string EnabledVariable = "LEAKAGENT_ENABLED";
    public const string FailFastVariable = "LEAKAGENT_FAIL_FAST";
    public const string LogVariable = "LEAKAGENT_LOG";
    public const string AgentDirectoryVariable = "LEAKAGENT_AGENT_DIR";

    public bool Enabled { get; private init; } = true;

    public bool FailFast { get; private init; }

    /// <summary><c>stderr</c> (default), <c>off</c>, or a file path.</summary>
    public string LogTarget { get; private init; } = "stderr";

    /// <summary>Where the agent's assemblies are; by default the <c>agent</c> folder beside this assembly.</summary>
    public string? AgentDirectory { get; private init; }

    public static HookSettings FromEnvironment()
    {
        var log = Environment.GetEnvironmentVariable(LogVariable);
        var logTarget = string.IsNullOrWhiteSpace(log) ? "stderr" : log.Trim();
        var enabledText = Environment.GetEnvironmentVariable(EnabledVariable);
        var enabled = ParseBool(enabledText, true, out var enabledValid);
        var failFast = ParseBool(Environment.GetEnvironmentVariable(FailFastVariable), false, out var failFastValid);
        if (!enabledValid)
        {
            HookLog.Write(logTarget, $"{EnabledVariable}='{enabledText}' is not true or false; using the default true");
        }

        if (!failFastValid)
        {
            HookLog.Write(logTarget, $"{FailFastVariable}='{Environment.GetEnvironmentVariable(FailFastVariable)}' is not true or false; using the default false");
        }

        var agentDir = Environment.GetEnvironmentVariable(AgentDirectoryVariable);
        return new HookSettings
        {
            Enabled = enabled,
            FailFast = failFast,
            LogTarget = logTarget,
            AgentDirectory = string.IsNullOrWhiteSpace(agentDir) ? null : agentDir.Trim(),
        };
    }

    private static bool ParseBool(string? text, bool defaultValue, out bool valid)
    {
        valid = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "ON" or "YES":
                return true;
            case "FALSE" or "0" or "OFF" or "NO":
                return false;
            default:
                valid = false;
                return defaultValue;
        }
    }
}
