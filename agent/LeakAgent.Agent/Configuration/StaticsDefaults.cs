namespace LeakAgent.Agent.Configuration;

/// <summary>Defaults of the static-collection detector (docs/configuration.md says why these).</summary>
internal static class StaticsDefaults
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    public const int Depth = 2;
}
