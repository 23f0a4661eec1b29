namespace LeakAgent.Agent.Configuration;

/// <summary>Defaults of the task detectors (docs/configuration.md says why these).</summary>
internal static class TasksDefaults
{
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan SampleWindow = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan PendingAge = TimeSpan.FromMinutes(1);
}
