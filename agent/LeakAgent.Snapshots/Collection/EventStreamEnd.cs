namespace LeakAgent.Snapshots.Collection;

/// <summary>How an event stream ended.</summary>
/// <param name="EventsLost">The parser's count of events the session dropped.</param>
/// <param name="Error">Why parsing stopped early (stream closed under it, corrupt data), or null.</param>
internal readonly record struct EventStreamEnd(long EventsLost, Exception? Error);
