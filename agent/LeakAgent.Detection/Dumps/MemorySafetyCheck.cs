using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Detection.Memory;

namespace LeakAgent.Detection.Dumps;

/// <summary>
/// Before a snapshot: is there room for it? Each part of the cost is checked against the boundary it hits: the
/// walk's events are native memory (the cgroup's or the machine's room), the graph is managed (the GC's limit and
/// the kernel's). The cost comes from the object count, estimated from the heap's bytes and the average object
/// size the last snapshot of this process measured (<see cref="SnapshotCost"/>).
/// </summary>
/// <remarks>
/// The check decides whether trying makes sense; the boundaries themselves are enforced where they bind: the event
/// buffer is capped by the native room (a walk that outgrows it loses events and is abandoned cleanly), and the
/// graph and the report are checked again with the walk's exact counts (<see cref="DumpRecorder"/>).
/// </remarks>
internal static class MemorySafetyCheck
{
    private const long MB = 1024 * 1024;

    /// <summary>The smallest event buffer worth trying: the type table, the roots and a small heap.</summary>
    private const int MinimumBufferMB = 16;

    /// <summary>A walk of ~60M objects; no automatic dump goes near it (<c>LEAKAGENT_DUMP_MAX_HEAP</c> is 4 GB).</summary>
    private const int MaximumBufferMB = 4096;

    /// <summary>Inside the process: the snapshot of its own heap against its own room.</summary>
    /// <param name="room">The room now.</param>
    /// <param name="heapBytes">The heap the walk will visit (the latest GC's size).</param>
    /// <param name="averageObjectBytes">Bytes per object, from the last snapshot or <see cref="SnapshotCost.DefaultAverageObjectBytes"/>.</param>
    /// <param name="maxHeapBytes"><c>LEAKAGENT_DUMP_MAX_HEAP</c>.</param>
    /// <param name="fixedBufferMB"><c>LEAKAGENT_DUMP_BUFFER_SIZE</c>, if set: used as given, still capped by the room.</param>
    public static SnapshotPlan Plan(MemoryRoom room, long heapBytes, double averageObjectBytes, long maxHeapBytes, int? fixedBufferMB)
    {
        var objects = SnapshotCost.EstimateObjects(heapBytes, averageObjectBytes);
        var nativeRoom = (long)(room.NativeRoomBytes * SnapshotCost.RoomShare);
        // The runtime allocates the buffer as events arrive, so its size is a cap, not a cost: the whole room, so that
        // an estimate too low still gets a complete walk where one fits, and a walk that does not fit loses events
        // (and is abandoned) instead of the kernel killing the app.
        var capMB = (int)Math.Clamp(nativeRoom / MB, 0, MaximumBufferMB);
        // A size the user set is kept as set (tests lose events on purpose with 1 MB), only capped by the room.
        var bufferMB = fixedBufferMB is { } set ? Math.Max(1, Math.Min(set, Math.Max(capMB, 1))) : Math.Max(capMB, MinimumBufferMB);
        var plan = new SnapshotPlan(DumpDecision.Proceed, bufferMB, null);
        if (heapBytes > maxHeapBytes)
        {
            return plan with { Decision = new DumpDecision(DumpOutcomes.SkippedUnsafe, $"the heap is {SizeParser.Format(heapBytes)}, above LEAKAGENT_DUMP_MAX_HEAP={SizeParser.Format(maxHeapBytes)}") };
        }

        var estimate = $"a snapshot of ~{objects:N0} objects ({SizeParser.Format(heapBytes)} heap at {averageObjectBytes:0} B/object)";
        var events = SnapshotCost.EventBuffer(objects);
        if (events > nativeRoom)
        {
            return plan with { Decision = new DumpDecision(DumpOutcomes.SkippedUnsafe, $"{estimate} needs about {SizeParser.Format(events)} of native memory for its events; {SizeParser.Format(room.NativeRoomBytes)} left before {NativeBoundary(room)}") };
        }

        var graph = SnapshotCost.Graph(objects);
        var managedRoom = (long)(room.ManagedRoomBytes * SnapshotCost.RoomShare);
        if (graph > managedRoom)
        {
            return plan with { Decision = new DumpDecision(DumpOutcomes.SkippedUnsafe, $"{estimate} needs about {SizeParser.Format(graph)} of managed memory for its graph; {SizeParser.Format(room.ManagedRoomBytes)} left under {room.Boundary}") };
        }

        return plan;
    }

    /// <summary>
    /// From outside (<c>leakagent watch</c>): the target's heap of <paramref name="heapBytes"/>, parsed here, against
    /// <paramref name="availableBytes"/> of this process's memory (null when unknown).
    /// </summary>
    public static DumpDecision Check(long heapBytes, long? availableBytes, long maxHeapBytes)
    {
        if (heapBytes > maxHeapBytes)
        {
            return new DumpDecision(DumpOutcomes.SkippedUnsafe, $"the heap is {SizeParser.Format(heapBytes)}, above LEAKAGENT_DUMP_MAX_HEAP={SizeParser.Format(maxHeapBytes)}");
        }

        var objects = SnapshotCost.EstimateObjects(heapBytes, SnapshotCost.DefaultAverageObjectBytes);
        var cost = SnapshotCost.Graph(objects);
        if (availableBytes is { } available && cost > available * SnapshotCost.RoomShare)
        {
            return new DumpDecision(DumpOutcomes.SkippedUnsafe, $"parsing a snapshot of a {SizeParser.Format(heapBytes)} heap (~{objects:N0} objects) needs about {SizeParser.Format(cost)} here; {SizeParser.Format(available)} still available");
        }

        return DumpDecision.Proceed;
    }

    /// <summary>Before the graph is built, with the walk's exact counts: null when it fits, else why not.</summary>
    public static string? CheckGraph(MemoryRoom room, long nodes, long edges)
    {
        var need = SnapshotCost.GraphExact(nodes, edges);
        return need > room.ManagedRoomBytes * SnapshotCost.RoomShare
            ? $"the graph of {nodes:N0} objects needs {SizeParser.Format(need)}; {SizeParser.Format(room.ManagedRoomBytes)} left under {room.Boundary}"
            : null;
    }

    /// <summary>Before the leak report's analysis: null when the full report fits, else why it is reduced.</summary>
    public static string? CheckReport(MemoryRoom room, long nodes, long edges)
    {
        var need = SnapshotCost.Report(nodes, edges);
        return need > room.ManagedRoomBytes * SnapshotCost.RoomShare
            ? $"retained sizes for {nodes:N0} objects need {SizeParser.Format(need)}; {SizeParser.Format(room.ManagedRoomBytes)} left under {room.Boundary}"
            : null;
    }

    private static string NativeBoundary(MemoryRoom room) =>
        room.Cgroup is { } cgroup ? $"the cgroup limit of {SizeParser.Format(cgroup.LimitBytes)}" : "the machine's memory runs out";
}
