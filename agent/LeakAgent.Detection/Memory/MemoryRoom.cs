using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Detection.Memory;

/// <summary>
/// Where this process's memory ends, at one moment: the GC's limit for the managed heap and the kernel's limit for
/// everything (a cgroup, or the machine). A snapshot's native cost (the EventPipe buffer) is charged only to the
/// kernel's; its managed cost (the graph and the report) to both.
/// </summary>
/// <param name="HeapSizeBytes">The managed heap after the latest GC.</param>
/// <param name="CommittedBytes">What the GC has committed (it counts against its hard limit).</param>
/// <param name="GcLimitBytes">The GC's ceiling: its hard limit (explicit, or the runtime's default of 75% of a container's
/// limit) or, without one, the physical memory (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</param>
/// <param name="Cgroup">The binding memory cgroup, or null when none limits the process.</param>
/// <param name="MachineAvailableBytes">Without a cgroup limit: what the machine still has (MemAvailable); else null.</param>
internal sealed record MemoryRoom(long HeapSizeBytes, long CommittedBytes, long GcLimitBytes, CgroupReading? Cgroup, long? MachineAvailableBytes)
{
    /// <summary>Native memory that may still be allocated before the kernel kills the process.</summary>
    public long NativeRoomBytes => Cgroup?.RoomBytes ?? MachineAvailableBytes ?? long.MaxValue;

    /// <summary>Managed memory that may still be allocated: under the GC's limit and the kernel's.</summary>
    public long ManagedRoomBytes => Math.Min(Math.Max(0, GcLimitBytes - CommittedBytes), NativeRoomBytes);

    /// <summary>
    /// The heap size at which the app dies: the GC's limit, or earlier where the heap plus the process's native
    /// memory fill the cgroup (a GC limit above the cgroup's, as with <c>DOTNET_GCHeapHardLimit=4GB</c> in 512 MB).
    /// </summary>
    public long HeapCeilingBytes
    {
        get
        {
            if (Cgroup is not { } cgroup)
            {
                return GcLimitBytes;
            }

            var native = Math.Max(0, cgroup.UsageBytes - CommittedBytes);
            return Math.Min(GcLimitBytes, cgroup.LimitBytes - native);
        }
    }

    /// <summary>Which boundary binds, for log lines: "the cgroup limit of 512 MB" or "the GC heap limit of 192 MB".</summary>
    public string Boundary =>
        Cgroup is { } cgroup && HeapCeilingBytes < GcLimitBytes
            ? $"the cgroup limit of {SizeParser.Format(cgroup.LimitBytes)}"
            : $"the GC heap limit of {SizeParser.Format(GcLimitBytes)}";

    /// <summary>Less than half of the kernel's or the GC's limit is left: the snapshot's leftovers must go at once.</summary>
    public bool IsTight =>
        (Cgroup is { } cgroup && cgroup.RoomBytes < cgroup.LimitBytes / 2) || ManagedRoomBytes < GcLimitBytes / 2;

    /// <summary>One line for the self-log: the figures behind a decision.</summary>
    public string Describe() =>
        $"heap {SizeParser.Format(HeapSizeBytes)}, GC committed {SizeParser.Format(CommittedBytes)} of {SizeParser.Format(GcLimitBytes)}"
        + (Cgroup is { } c ? $", cgroup v{c.Version} {SizeParser.Format(c.UsageBytes)} of {SizeParser.Format(c.LimitBytes)}" : string.Empty);
}
