using LeakAgent.Detection.Configuration;

namespace LeakAgent.Detection.Heap;

/// <summary>
/// The heap-slope detector without its sampling: keeps the post-full-GC history, picks the samples for the
/// window, and evaluates slope, fit and suspicion with hysteresis. The agent feeds it from
/// <c>GC.GetGCMemoryInfo</c> inside the process; <c>leakagent watch</c> from the runtime's GC events over
/// EventPipe. Not thread-safe: callers serialize.
/// </summary>
internal sealed class HeapTrendTracker
{
    private readonly HeapOptions _options;
    private readonly HeapFloorHistory _history = new(HeapDefaults.MaxKeptSamples);
    private readonly HeapTrendEvaluator _evaluator;

    public HeapTrendTracker(HeapOptions options, DateTimeOffset start)
    {
        _options = options;
        _evaluator = new HeapTrendEvaluator(options);
        State = HeapTrendState.Initial(start);
    }

    /// <summary>The latest state.</summary>
    public HeapTrendState State { get; private set; }

    /// <summary>The latest post-full-GC sample, if any.</summary>
    public HeapFloorSample? Latest => _history.Latest;

    /// <summary>Adds <paramref name="sample"/> if there is a new one, re-evaluates, and returns the state before and after.</summary>
    /// <param name="now">The time of the update.</param>
    /// <param name="sample">A new post-full-GC sample, if there is one.</param>
    /// <param name="heapCeilingBytes">The heap size at which the app dies (the binding memory limit), if known.</param>
    public (HeapTrendState Previous, HeapTrendState Next) Update(DateTimeOffset now, HeapFloorSample? sample, long? heapCeilingBytes = null)
    {
        if (sample is { } added)
        {
            _history.Add(added);
        }

        _history.Trim(now, _options.LookBack);
        var previous = State;
        var selected = _history.Select(now, _options.Window, _options.MinSamples, HeapDefaults.MaxFitSamples);

        // The live size is the latest full GC's even when it has aged out of the look-back: it is still the floor.
        var live = _history.Latest?.LiveBytes ?? previous.LiveBytes;
        State = _evaluator.Evaluate(selected, live, previous.Suspected, now, heapCeilingBytes);
        return (previous, State);
    }
}
