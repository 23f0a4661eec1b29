namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary>How often a pending-task sampling window opens.</summary>
    public const string TasksSampleEvery = "LEAKAGENT_TASKS_SAMPLE_EVERY";

    /// <summary>How long each sampling window stays open.</summary>
    public const string TasksSampleWindow = "LEAKAGENT_TASKS_SAMPLE_WINDOW";

    /// <summary>An operation pending longer than this counts as pending.</summary>
    public const string TasksPendingAge = "LEAKAGENT_TASKS_PENDING_AGE";
}
