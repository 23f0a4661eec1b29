using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>Settings of the static-collection detector.</summary>
/// <remarks>Reads <c>LEAKAGENT_STATICS</c>, <c>LEAKAGENT_STATICS_INTERVAL</c>, <c>LEAKAGENT_STATICS_INCLUDE</c>,
/// <c>LEAKAGENT_STATICS_EXCLUDE</c>, <c>LEAKAGENT_STATICS_DEPTH</c> at start.</remarks>
internal sealed class StaticsOptions
{
    public StaticsOptions(SettingsReader settings)
    {
        Enabled = settings.GetBool(ConfigurationKeys.Statics, true);
        Interval = settings.GetDuration(ConfigurationKeys.StaticsInterval, StaticsDefaults.Interval, TimeSpan.FromMilliseconds(100));
        Include = settings.GetList(ConfigurationKeys.StaticsInclude);
        Exclude = settings.GetList(ConfigurationKeys.StaticsExclude);
        Depth = settings.GetInt(ConfigurationKeys.StaticsDepth, StaticsDefaults.Depth, 0, 5);
    }

    public bool Enabled { get; init; }

    public TimeSpan Interval { get; init; }

    public IReadOnlyList<string> Include { get; init; }

    public IReadOnlyList<string> Exclude { get; init; }

    public int Depth { get; init; }
}
