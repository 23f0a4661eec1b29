namespace LeakAgent.Agent.Detectors.PendingTasks;

/// <summary>
/// The async operations seen beginning in sampling windows and not seen ending since: task id → operation name and
/// start time. Bounded: past the cap new operations are only counted as dropped. Holds names, never the tasks.
/// Thread-safe (events arrive on app threads, snapshots on the timer thread).
/// </summary>
internal sealed class OperationTracker
{
    private readonly Dictionary<int, Operation> _operations = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly object _gate = new();
    private long _windowStartTicks;

    public OperationTracker(int capacity) => _capacity = capacity;

    /// <summary>Operations not tracked because the cap was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>Operations tracked now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _operations.Count;
            }
        }
    }

    /// <summary>Marks the start of a sampling window (operations begun after it are "in the window").</summary>
    public void OpenWindow(DateTimeOffset now)
    {
        lock (_gate)
        {
            _windowStartTicks = now.UtcTicks;
        }
    }

    public void Begin(int taskId, string operationName, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_operations.Count >= _capacity && !_operations.ContainsKey(taskId))
            {
                Dropped++;
                return;
            }

            // One string per distinct name: the runtime builds a new one for every event.
            if (!_names.TryGetValue(operationName, out var name))
            {
                name = operationName;
                _names[name] = name;
            }

            _operations[taskId] = new Operation(name, now.UtcTicks);
        }
    }

    public void End(int taskId)
    {
        lock (_gate)
        {
            _operations.Remove(taskId);
        }
    }

    /// <summary>
    /// Ends a window: operations begun in it that are younger than <paramref name="minimumAge"/> are forgotten. The
    /// listener is about to go quiet, so their end would never be seen; an operation that young is most likely a
    /// request in flight, and keeping it would count it as pending forever.
    /// </summary>
    public void CloseWindow(DateTimeOffset now, TimeSpan minimumAge)
    {
        lock (_gate)
        {
            var youngest = now.UtcTicks - minimumAge.Ticks;
            var young = _operations.Where(p => p.Value.StartTicks >= _windowStartTicks && p.Value.StartTicks > youngest).Select(p => p.Key).ToList();
            foreach (var id in young)
            {
                _operations.Remove(id);
            }
        }
    }

    /// <summary>Operations older than <paramref name="pendingAge"/>, by raw operation name, with the oldest start.</summary>
    public IReadOnlyList<(string OperationName, int Count, TimeSpan OldestAge)> Pending(DateTimeOffset now, TimeSpan pendingAge)
    {
        var byName = new Dictionary<string, (int Count, long OldestTicks)>(StringComparer.Ordinal);
        lock (_gate)
        {
            var latestStart = now.UtcTicks - pendingAge.Ticks;
            foreach (var operation in _operations.Values)
            {
                if (operation.StartTicks > latestStart)
                {
                    continue;
                }

                byName.TryGetValue(operation.Name, out var entry);
                byName[operation.Name] = (entry.Count + 1, entry.Count == 0 ? operation.StartTicks : Math.Min(entry.OldestTicks, operation.StartTicks));
            }
        }

        return byName.Select(p => (p.Key, p.Value.Count, TimeSpan.FromTicks(now.UtcTicks - p.Value.OldestTicks))).ToList();
    }

    private readonly record struct Operation(string Name, long StartTicks);
}
