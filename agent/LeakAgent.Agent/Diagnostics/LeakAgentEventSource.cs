using System.Diagnostics.Tracing;

namespace LeakAgent.Agent.Diagnostics;

/// <summary>The agent's self-diagnostics event source, named <c>LeakAgent</c> (readable with dotnet-trace).</summary>
[EventSource(Name = "LeakAgent")]
internal sealed class LeakAgentEventSource : EventSource
{
    /// <summary>The single instance.</summary>
    public static readonly LeakAgentEventSource Log = new();

    private LeakAgentEventSource()
    {
    }

    /// <summary>A self-log line.</summary>
    [Event(1, Level = EventLevel.Informational, Message = "{0}")]
    public void Message(string message) => WriteEvent(1, message);
}
