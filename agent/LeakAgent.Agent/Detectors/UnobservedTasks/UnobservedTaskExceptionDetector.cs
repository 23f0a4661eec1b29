using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.UnobservedTasks;

/// <summary>
/// Counts faulted tasks that nobody observed, by exception type, into <c>leakagent.tasks.unobserved_exceptions</c>.
/// </summary>
/// <remarks>
/// <see cref="TaskScheduler.UnobservedTaskException"/> fires on the finalizer thread when a faulted task that
/// nobody awaited is collected; it never forces that. The detector never calls <c>SetObserved</c>, so the app's own
/// handlers and its <c>ThrowUnobservedTaskExceptions</c> policy see exactly what they would without the agent.
/// </remarks>
internal sealed class UnobservedTaskExceptionDetector : ILeakDetector
{
    private readonly Counter<long> _counter;
    private readonly BoundedNames _types = new(TasksDefaults.MaxExceptionTypes);
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly EventHandler<UnobservedTaskExceptionEventArgs> _handler;

    public UnobservedTaskExceptionDetector(AgentTelemetry telemetry)
    {
        _counter = telemetry.Meter.CreateCounter<long>(MetricNames.TasksUnobservedExceptions, "{exception}", "Faulted tasks collected without anyone observing their exception, by exception type.");
        _handler = (_, e) => Guard.Run("unobserved task exception", () => Record(e.Exception));
    }

    public string Name => DetectorNames.UnobservedTasks;

    public void Start() => TaskScheduler.UnobservedTaskException += _handler;

    /// <summary>Counts one unobserved fault: each inner exception by its type (tests call this directly).</summary>
    public void Record(AggregateException exception)
    {
        foreach (var inner in exception.Flatten().InnerExceptions)
        {
            var type = inner.GetType().FullName ?? inner.GetType().Name;
            var label = _types.Map(type);
            _counter.Add(1, new KeyValuePair<string, object?>(MetricNames.ExceptionTypeAttribute, label));
            _totals.AddOrUpdate(label, 1, static (_, n) => n + 1);
        }
    }

    /// <summary>Counts so far by exported type label, most first.</summary>
    public IReadOnlyList<(string Type, long Count)> Totals() =>
        _totals.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    public void Describe(ICollection<string> clauses)
    {
        foreach (var (type, count) in Totals().Take(3))
        {
            var shortName = type[(type.LastIndexOf('.') + 1)..];
            clauses.Add($"{count.ToString("N0", CultureInfo.InvariantCulture)} unobserved {shortName}");
        }
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= _handler;
}
