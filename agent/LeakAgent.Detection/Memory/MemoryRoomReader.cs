using System.Globalization;

namespace LeakAgent.Detection.Memory;

/// <summary>Reads this process's <see cref="MemoryRoom"/>: the GC's figures, the cgroup's, the machine's.</summary>
/// <remarks>A few small file reads and one <see cref="GC.GetGCMemoryInfo()"/> (no GC): cheap enough to read at
/// every heap poll. Thread-safe.</remarks>
internal sealed class MemoryRoomReader
{
    private readonly CgroupMemory _cgroup;

    public MemoryRoomReader()
        : this(new CgroupMemory())
    {
    }

    public MemoryRoomReader(CgroupMemory cgroup) => _cgroup = cgroup;

    /// <summary>The room now.</summary>
    public MemoryRoom Read()
    {
        var info = GC.GetGCMemoryInfo();
        var cgroup = _cgroup.Read();
        var machine = cgroup is null ? MachineAvailable() ?? Math.Max(0, info.TotalAvailableMemoryBytes - info.MemoryLoadBytes) : (long?)null;
        return new MemoryRoom(info.HeapSizeBytes, info.TotalCommittedBytes, info.TotalAvailableMemoryBytes, cgroup, machine);
    }

    /// <summary>The kernel's estimate of memory available to new allocations (<c>MemAvailable</c>), or null.</summary>
    private static long? MachineAvailable()
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    var kb = line["MemAvailable:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // No figure: the caller falls back to the runtime's.
        }

        return null;
    }
}
