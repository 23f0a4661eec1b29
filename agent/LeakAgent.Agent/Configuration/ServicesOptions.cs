using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>Settings of the service (DI singleton and memory cache) detector.</summary>
/// <remarks>Reads <c>LEAKAGENT_SERVICES</c> at start; the interval, depth and assembly filter are the static
/// scan's (<see cref="StaticsOptions"/>), so one set of cost settings governs both walks.</remarks>
internal sealed class ServicesOptions
{
    public ServicesOptions(SettingsReader settings, StaticsOptions statics)
    {
        Enabled = settings.GetBool(ConfigurationKeys.Services, true);
        Statics = statics;
    }

    public bool Enabled { get; init; }

    /// <summary>Interval, depth, include and exclude, shared with the static scan.</summary>
    public StaticsOptions Statics { get; init; }
}
