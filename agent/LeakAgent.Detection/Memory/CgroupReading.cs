namespace LeakAgent.Detection.Memory;

/// <summary>The memory cgroup that binds this process: its limit and what is charged to it now.</summary>
/// <param name="LimitBytes">The smallest limit on the way from the process's cgroup up to the hierarchy's root.</param>
/// <param name="UsageBytes">What that cgroup is charged now, minus its inactive file cache (which the kernel reclaims
/// before it OOM-kills), as the runtime itself counts a container's memory load.</param>
/// <param name="Version">1 or 2 (cgroup v1 memory controller, or the unified hierarchy).</param>
internal readonly record struct CgroupReading(long LimitBytes, long UsageBytes, int Version)
{
    /// <summary>What may still be charged before the kernel OOM-kills the cgroup.</summary>
    public long RoomBytes => Math.Max(0, LimitBytes - UsageBytes);
}
