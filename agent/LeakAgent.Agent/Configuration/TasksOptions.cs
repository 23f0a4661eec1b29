using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent.Configuration;

/// <summary>Settings of the task detectors.</summary>
/// <remarks>Reads <c>LEAKAGENT_TASKS_SAMPLE_EVERY</c>, <c>LEAKAGENT_TASKS_SAMPLE_WINDOW</c>,
/// <c>LEAKAGENT_TASKS_PENDING_AGE</c> at start.</remarks>
internal sealed class TasksOptions
{
    public TasksOptions(SettingsReader settings)
    {
        SampleEvery = settings.GetDuration(ConfigurationKeys.TasksSampleEvery, TasksDefaults.SampleEvery, TimeSpan.FromMilliseconds(100));
        SampleWindow = settings.GetDuration(ConfigurationKeys.TasksSampleWindow, TasksDefaults.SampleWindow, TimeSpan.FromMilliseconds(10));
        PendingAge = settings.GetDuration(ConfigurationKeys.TasksPendingAge, TasksDefaults.PendingAge, TimeSpan.FromMilliseconds(10));
    }

    public TimeSpan SampleEvery { get; init; }

    public TimeSpan SampleWindow { get; init; }

    public TimeSpan PendingAge { get; init; }
}
