using System.Diagnostics.Tracing;
using LeakAgent.Agent.Diagnostics;

namespace LeakAgent.Agent.Detectors.PendingTasks;

/// <summary>
/// Listens to <c>System.Threading.Tasks.TplEventSource</c> for async operation begin (event 14,
/// <c>TraceOperationBegin(TaskID, OperationName, RelatedContext)</c>) and end (event 15,
/// <c>TraceOperationEnd(TaskID, Status)</c>), keyword <c>AsyncCausalityOperation</c> (0x8) only, and only while a
/// sampling window is open: the runtime traces every async operation while it is on.
/// </summary>
/// <remarks>
/// No other keyword is needed: <c>TasksFlowActivityIds</c> (0x80) would add activity ids the detector does not use
/// and cost more. Events arrive synchronously on the app's thread that began or ended the operation, so the
/// agent's scope (an AsyncLocal) tells the agent's own operations apart. The callback is the hottest path the agent
/// has: no allocation beyond the runtime's, a plain try/catch instead of <see cref="Guard"/>'s closure.
/// </remarks>
internal sealed class TplOperationListener : EventListener
{
    private const string SourceName = "System.Threading.Tasks.TplEventSource";
    private const int OperationBeginId = 14;
    private const int OperationEndId = 15;
    private const EventKeywords AsyncCausalityOperation = (EventKeywords)0x8;

    [ThreadStatic]
    private static bool t_inCallback;

    private readonly object _gate = new();
    private OperationTracker? _tracker;
    private TimeProvider? _time;
    private EventSource? _source;
    private bool _open;

    public TplOperationListener(OperationTracker tracker, TimeProvider time)
    {
        _tracker = tracker;
        _time = time;
    }

    /// <summary>Starts receiving begin/end events (a sampling window opens).</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open = true;
            if (_source is not null)
            {
                EnableEvents(_source, EventLevel.Informational, AsyncCausalityOperation);
            }
        }
    }

    /// <summary>Stops receiving events (the window closes): the runtime stops tracing operations.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _open = false;
            if (_source is not null)
            {
                DisableEvents(_source);
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor for sources that already exist, before this class's constructor body ran
        // (field initializers, like _gate's, have run by then).
        if (eventSource.Name != SourceName)
        {
            return;
        }

        lock (_gate)
        {
            _source = eventSource;
            if (_open)
            {
                EnableEvents(eventSource, EventLevel.Informational, AsyncCausalityOperation);
            }
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (t_inCallback || AgentScope.IsActive || _tracker is not { } tracker || _time is not { } time)
        {
            return;
        }

#pragma warning disable CA1031 // A guest in the app's thread: never let a failure reach the code that began the task.
        try
        {
            t_inCallback = true;
            var payload = eventData.Payload;
            if (eventData.EventId == OperationBeginId && payload is { Count: >= 2 } && payload[0] is int beginId && payload[1] is string name)
            {
                tracker.Begin(beginId, name, time.GetUtcNow());
            }
            else if (eventData.EventId == OperationEndId && payload is { Count: >= 1 } && payload[0] is int endId)
            {
                tracker.End(endId);
            }
        }
        catch (Exception ex)
        {
            SelfLog.WriteOnce("guard:tpl listener", $"pending-task listener failed and skips the event: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            t_inCallback = false;
        }
#pragma warning restore CA1031
    }
}
