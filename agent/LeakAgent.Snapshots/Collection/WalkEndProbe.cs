namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Tells when the heap walk has very probably been written to the session, before its events can be parsed.
/// </summary>
/// <remarks>
/// Why this exists: the runtime writes a sequence point only every 10 MB of events (hard-coded in
/// ep-session.c), and TraceEvent's EventPipeEventSource holds every event back until a sequence point or the end
/// of the stream. A walk under ~200k objects therefore stays invisible (GCStop included) until the session stops.
/// So the session is stopped when this probe fires, and completeness is then judged from the parsed events as
/// always: a premature stop gives an incomplete walk, never a wrong graph.
/// In-process the signal is exact: the walk happens inside the induced blocking gen2 GC, so once the count of
/// full blocking GCs moves, the whole walk is in the session's buffers. Out of process it is the byte stream going
/// quiet after the walk's burst (a trickle of allocation ticks from a busy app is tolerated).
/// </remarks>
internal sealed class WalkEndProbe
{
    /// <summary>Bytes a session carries before the walk (header, metadata) stay below this; every walk exceeds it.</summary>
    internal const long MinimumWalkBytes = 64 * 1024;

    /// <summary>Less than this much new data over <see cref="QuietTicks"/> ticks is "quiet".</summary>
    internal const long QuietBytes = 16 * 1024;

    /// <summary>Consecutive quiet ticks needed; several, so a reader paused by a GC cannot fake quiet.</summary>
    internal const int QuietTicks = 4;

    private readonly CountingStream _stream;
    private readonly long _fullBlockingGcBaseline;
    private readonly bool _self;
    private readonly long[] _history = new long[QuietTicks + 1];
    private int _ticks;

    public WalkEndProbe(int processId, CountingStream stream)
    {
        _stream = stream;
        _self = processId == Environment.ProcessId;
        _fullBlockingGcBaseline = _self ? GC.GetGCMemoryInfo(GCKind.FullBlocking).Index : 0;
    }

    /// <summary>Call every tick (~100 ms); true once the walk is probably complete in the session buffers.</summary>
    public bool Tick()
    {
        if (_self && GC.GetGCMemoryInfo(GCKind.FullBlocking).Index > _fullBlockingGcBaseline)
        {
            return true;
        }

        var bytes = _stream.BytesRead;
        _history[_ticks % _history.Length] = bytes;
        _ticks++;
        if (_ticks <= QuietTicks || bytes < MinimumWalkBytes)
        {
            return false;
        }

        var oldest = _history[_ticks % _history.Length];
        return bytes - oldest < QuietBytes;
    }
}
