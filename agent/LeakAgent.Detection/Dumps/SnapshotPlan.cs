using LeakAgent.Detection.Memory;

namespace LeakAgent.Detection.Dumps;

/// <summary>Whether to snapshot now, with which event buffer, and how to read the room again later in the snapshot.</summary>
/// <param name="Decision">Proceed, or skipped with a reason.</param>
/// <param name="BufferSizeMB">The heap session's EventPipe buffer: sized for the walk and capped by the native room,
/// so a walk that does not fit loses events and is abandoned, instead of the kernel killing the app.</param>
/// <param name="Room">Reads the room again before the graph and before the report (in-process only: from outside, the
/// watcher's own memory is the parser's, and the plain check covers it); null skips those checks.</param>
internal sealed record SnapshotPlan(DumpDecision Decision, int BufferSizeMB, Func<MemoryRoom>? Room = null);
