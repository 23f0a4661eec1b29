namespace LeakAgent.Agent.Diagnostics;

/// <summary>
/// Marks the agent's own work on the current async flow, so detectors can ignore what the agent itself does
/// (its export tasks, its timers) and never report the agent as the app's leak.
/// </summary>
internal static class AgentScope
{
    private static readonly AsyncLocal<bool> s_inAgent = new();

    /// <summary>True while the current flow runs agent code.</summary>
    public static bool IsActive => s_inAgent.Value;

    /// <summary>Enters the agent scope until the returned value is disposed.</summary>
    public static Entered Enter()
    {
        var previous = s_inAgent.Value;
        s_inAgent.Value = true;
        return new Entered(previous);
    }

    /// <summary>Restores the previous scope state on dispose.</summary>
    internal readonly struct Entered : IDisposable
    {
        private readonly bool _previous;

        internal Entered(bool previous) => _previous = previous;

        /// <inheritdoc/>
        public void Dispose() => s_inAgent.Value = _previous;
    }
}
