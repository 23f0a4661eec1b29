using LeakAgent.Agent.Dumps;
using System.Diagnostics.Metrics;
using System.Globalization;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Dumps;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.PendingTasks;

/// <summary>
/// Finds async operations that begin and never finish: opens a TplEventSource listener for
/// <c>LEAKAGENT_TASKS_SAMPLE_WINDOW</c> every <c>LEAKAGENT_TASKS_SAMPLE_EVERY</c>, tracks the operations begun in
/// it, and reports those still pending past <c>LEAKAGENT_TASKS_PENDING_AGE</c> by method as
/// <c>leakagent.tasks.pending</c> and <c>leakagent.tasks.pending.oldest_age</c>.
/// </summary>
/// <remarks>
/// Only operations that begin inside a window are seen, so the count is a sample: roughly SampleWindow/SampleEvery
/// of the real number, and its rise is the signal. An operation's end is only seen while a window is open: one that
/// ends between windows is counted until its end falls in a window or never; operations still young when a window
/// closes are forgotten for that reason (see <see cref="OperationTracker.CloseWindow"/>).
/// </remarks>
internal sealed class PendingTasksDetector : ILeakDetector, IPendingMethodSource, ISteadyGrowthSource
{
    /// <summary>Windows in a row in which one method's pending count must have risen for a dump without other evidence.</summary>
    internal const int SteadyWindows = 4;

    private readonly Queue<PendingMethod> _windowTops = new();
    private readonly TasksOptions _options;
    private readonly TimeProvider _time;
    private readonly OperationTracker _tracker = new(TasksDefaults.MaxTrackedOperations);
    private readonly StateMachineNames _names = new();
    private readonly object _namesGate = new();
    private TplOperationListener? _listener;
    private ITimer? _openTimer;
    private ITimer? _closeTimer;

    public PendingTasksDetector(TasksOptions options, AgentTelemetry telemetry, TimeProvider time)
    {
        _options = options;
        _time = time;
        telemetry.Meter.CreateObservableGauge(MetricNames.TasksPending, () => Guard.Get(MetricNames.TasksPending, ObservePending, []), "{operation}", "Async operations seen beginning in sampling windows and still pending past the pending age, by method.");
        telemetry.Meter.CreateObservableGauge(MetricNames.TasksPendingOldestAge, () => Guard.Get(MetricNames.TasksPendingOldestAge, ObserveOldestAge, []), "s", "Age of the oldest such pending operation, by method.");
    }

    public string Name => DetectorNames.PendingTasks;

    /// <summary>Sampling windows opened so far.</summary>
    public int WindowsOpened { get; private set; }

    public void Start()
    {
        _listener = new TplOperationListener(_tracker, _time);
        var first = _options.SampleEvery < TasksDefaults.FirstWindowDelay ? _options.SampleEvery : TasksDefaults.FirstWindowDelay;
        _closeTimer = _time.CreateTimer(_ => Guard.Run("pending tasks window close", CloseWindow), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _openTimer = _time.CreateTimer(_ => Guard.Run("pending tasks window open", OpenWindow), null, first, _options.SampleEvery);
    }

    /// <summary>The methods with the most pending operations (for the leak report), most first.</summary>
    /// <inheritdoc/>
    public IReadOnlyList<SampledPending> PendingMethods(int top) => TopPending(top).Select(p => new SampledPending(p.Name, p.Count, p.OldestAge)).ToList();

    public IReadOnlyList<PendingMethod> TopPending(int count)
    {
        var now = _time.GetUtcNow();
        var byMethod = new Dictionary<string, PendingMethod>(StringComparer.Ordinal);
        var raw = _tracker.Pending(now, _options.PendingAge);
        lock (_namesGate)
        {
            foreach (var (operationName, n, age) in raw)
            {
                if (_names.Resolve(operationName) is not { } method)
                {
                    continue;
                }

                byMethod[method] = byMethod.TryGetValue(method, out var seen)
                    ? new PendingMethod(method, seen.Count + n, seen.OldestAge > age ? seen.OldestAge : age)
                    : new PendingMethod(method, n, age);
            }
        }

        return byMethod.Values.OrderByDescending(m => m.Count).ThenBy(m => m.Name, StringComparer.Ordinal).Take(count).ToList();
    }

    public void Describe(ICollection<string> clauses)
    {
        foreach (var method in TopPending(2))
        {
            clauses.Add($"{method.Count.ToString("N0", CultureInfo.InvariantCulture)} pending {ShortName(method.Name)} (oldest {Age(method.OldestAge)})");
        }
    }

    public void Dispose()
    {
        _openTimer?.Dispose();
        _closeTimer?.Dispose();
        _listener?.Close();
        _listener?.Dispose();
    }

    /// <inheritdoc/>
    /// <remarks>The pending count is a sample (operations begun inside windows), so only its rise counts: the same
    /// method on top at each of the last <see cref="SteadyWindows"/> windows, with more pending each time.</remarks>
    public string? SteadyGrowth()
    {
        PendingMethod[] tops;
        lock (_windowTops)
        {
            tops = [.. _windowTops];
        }

        if (tops.Length < SteadyWindows || tops.Any(t => t.Name != tops[0].Name))
        {
            return null;
        }

        for (var i = 1; i < tops.Length; i++)
        {
            if (tops[i].Count <= tops[i - 1].Count)
            {
                return null;
            }
        }

        return $"{tops[^1].Count.ToString("N0", CultureInfo.InvariantCulture)} pending {tops[^1].Name}, more at each of the last {SteadyWindows} sampling windows";
    }

    internal void OpenWindow()
    {
        // Before a new window opens, the last one's operations are past the pending age: its top method is the sample.
        if (TopPending(1) is [var top])
        {
            lock (_windowTops)
            {
                _windowTops.Enqueue(top);
                while (_windowTops.Count > SteadyWindows)
                {
                    _windowTops.Dequeue();
                }
            }
        }

        _tracker.OpenWindow(_time.GetUtcNow());
        _listener?.Open();
        WindowsOpened++;
        _closeTimer?.Change(_options.SampleWindow, Timeout.InfiniteTimeSpan);
    }

    internal void CloseWindow()
    {
        _listener?.Close();
        var half = _options.SampleWindow / 2;
        _tracker.CloseWindow(_time.GetUtcNow(), half < _options.PendingAge ? half : _options.PendingAge);
    }

    /// <summary>Test hook: the tracker the listener feeds.</summary>
    internal OperationTracker Tracker => _tracker;

    private static string ShortName(string method)
    {
        // Namespace.Type.Method → Type.Method: the summary line stays short, the metric keeps the full name.
        var last = method.LastIndexOf('.');
        var previous = last > 0 ? method.LastIndexOf('.', last - 1) : -1;
        return previous >= 0 ? method[(previous + 1)..] : method;
    }

    private static string Age(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{(int)age.TotalHours}h" : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m" : $"{(int)age.TotalSeconds}s";

    private List<Measurement<long>> ObservePending() =>
        Bounded().Select(m => new Measurement<long>(m.Count, new KeyValuePair<string, object?>(MetricNames.FunctionNameAttribute, m.Name))).ToList();

    private List<Measurement<double>> ObserveOldestAge() =>
        Bounded().Select(m => new Measurement<double>(m.OldestAge.TotalSeconds, new KeyValuePair<string, object?>(MetricNames.FunctionNameAttribute, m.Name))).ToList();

    /// <summary>The top N methods, the rest summed as <c>other</c> (its age the oldest among them).</summary>
    private List<PendingMethod> Bounded()
    {
        var all = TopPending(int.MaxValue);
        var top = all.Take(TasksDefaults.MaxMethods).ToList();
        var rest = all.Skip(TasksDefaults.MaxMethods).ToList();
        if (rest.Count > 0)
        {
            top.Add(new PendingMethod(MetricNames.OtherValue, rest.Sum(m => m.Count), rest.Max(m => m.OldestAge)));
        }

        return top;
    }
}
