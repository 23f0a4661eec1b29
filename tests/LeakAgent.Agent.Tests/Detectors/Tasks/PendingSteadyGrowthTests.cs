using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.PendingTasks;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Tasks;

/// <summary>A method whose pending count rises window after window is evidence enough for a dump.</summary>
public sealed class PendingSteadyGrowthTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly AgentTelemetry _telemetry = new();
    private int _nextTask;

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public void PendingCountRisingAtEveryWindow_IsSteadyGrowth()
    {
        using var detector = new PendingTasksDetector(new TasksOptions(new SettingsReader(new Dictionary<string, string?>(), _ => { })), _telemetry, _clock);

        for (var window = 1; window <= 5; window++)
        {
            RunWindow(detector, neverEnding: 10);
        }

        detector.OpenWindow();
        Assert.Equal("50 pending Task.Delay, more at each of the last 4 sampling windows", detector.SteadyGrowth());
    }

    [Fact]
    public void PendingCountThatStopsRising_IsNot()
    {
        using var detector = new PendingTasksDetector(new TasksOptions(new SettingsReader(new Dictionary<string, string?>(), _ => { })), _telemetry, _clock);

        RunWindow(detector, neverEnding: 10);
        RunWindow(detector, neverEnding: 10);
        RunWindow(detector, neverEnding: 0);
        RunWindow(detector, neverEnding: 10);
        RunWindow(detector, neverEnding: 10);
        detector.OpenWindow();

        Assert.Null(detector.SteadyGrowth());
    }

    /// <summary>One sampling window in which <paramref name="neverEnding"/> operations begin and never end, then the pause to the next.</summary>
    private void RunWindow(PendingTasksDetector detector, int neverEnding)
    {
        detector.OpenWindow();
        for (var i = 0; i < neverEnding; i++)
        {
            detector.Tracker.Begin(++_nextTask, "Task.Delay", _clock.GetUtcNow());
        }

        _clock.Advance(TimeSpan.FromSeconds(3));
        detector.CloseWindow();
        _clock.Advance(TimeSpan.FromMinutes(5));
    }
}
