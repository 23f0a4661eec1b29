using System.Globalization;

namespace LeakAgent.Detection.Memory;

/// <summary>
/// Reads the memory limit and usage of the process's own cgroup, v1 or v2, the way the runtime does
/// (<c>/proc/self/cgroup</c> names the cgroup, <c>/proc/self/mountinfo</c> where its hierarchy is mounted).
/// </summary>
/// <remarks>
/// A pod's limit may sit on a parent of the process's cgroup, so every level up to the mount's root is read and the
/// smallest limit binds; its usage is read at that same level. The runtime exposes only derived figures
/// (<see cref="GCMemoryInfo.HighMemoryLoadThresholdBytes"/> is 90% of the limit by default), and with
/// <c>DOTNET_GCHeapHardLimit</c> its "total available" is the GC's limit, not the kernel's: the kernel's limit is
/// read here directly. Reading a few small files takes microseconds; every failure means "no cgroup limit known".
/// </remarks>
internal sealed class CgroupMemory
{
    // cgroup v1 reports "no limit" as a page-rounded 2^63 - 1; anything this large is unlimited.
    private const long UnlimitedAbove = 1L << 60;

    private readonly string _root;
    private readonly string _process;

    /// <summary>Reads the real <c>/proc</c> and <c>/sys</c>, for this process.</summary>
    public CgroupMemory()
        : this(string.Empty)
    {
    }

    /// <summary>Reads under <paramref name="root"/> (tests lay out a fake <c>/proc</c> and <c>/sys</c>), for process
    /// <paramref name="processId"/> or this one. Another process's cgroup is resolved in this process's view of the
    /// cgroup mounts (<c>leakagent watch</c> on the same host or in the same container).</summary>
    public CgroupMemory(string root, int? processId = null)
    {
        _root = root;
        _process = processId is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : "self";
    }

    /// <summary>The process's binding cgroup limit and usage, or null when there is no limit (or no cgroup).</summary>
    public CgroupReading? Read()
    {
        try
        {
            return ReadCore();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private CgroupReading? ReadCore()
    {
        if (!OperatingSystem.IsLinux() && _root.Length == 0)
        {
            return null;
        }

        var cgroupFile = _root + "/proc/" + _process + "/cgroup";
        var mountFile = _root + "/proc/self/mountinfo";
        if (!File.Exists(cgroupFile) || !File.Exists(mountFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(cgroupFile);
        var v1Path = lines.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("memory"))?[2];
        var v2Path = lines.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[0] == "0" && p[1].Length == 0)?[2];
        var mounts = File.ReadAllLines(mountFile).Select(MountLine.Parse).Where(m => m is not null).Select(m => m!.Value).ToList();
        if (v1Path is not null && mounts.FirstOrDefault(m => m.FsType == "cgroup" && m.SuperOptions.Split(',').Contains("memory")) is { MountPoint: not null } v1)
        {
            return ReadHierarchy(v1, v1Path, "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file", 1);
        }

        if (v2Path is not null && mounts.FirstOrDefault(m => m.FsType == "cgroup2") is { MountPoint: not null } v2)
        {
            return ReadHierarchy(v2, v2Path, "memory.max", "memory.current", "inactive_file", 2);
        }

        return null;
    }

    private CgroupReading? ReadHierarchy(MountLine mount, string cgroupPath, string limitFile, string usageFile, string inactiveKey, int version)
    {
        // Inside a container the mount's root is the container's own cgroup: the path is relative to it.
        var relative = mount.Root != "/" && cgroupPath.StartsWith(mount.Root, StringComparison.Ordinal) ? cgroupPath[mount.Root.Length..] : cgroupPath;
        var directory = _root + mount.MountPoint + relative.TrimEnd('/');
        var top = (_root + mount.MountPoint).TrimEnd('/');
        CgroupReading? binding = null;
        while (true)
        {
            if (ReadLimit(Path.Combine(directory, limitFile)) is { } limit && (binding is null || limit < binding.Value.LimitBytes))
            {
                var usage = ReadNumber(Path.Combine(directory, usageFile)) ?? 0;
                var inactive = ReadStat(Path.Combine(directory, "memory.stat"), inactiveKey) ?? 0;
                binding = new CgroupReading(limit, Math.Max(0, usage - inactive), version);
            }

            if (directory.Length <= top.Length)
            {
                return binding;
            }

            var parent = Path.GetDirectoryName(directory);
            if (parent is null || parent.Length < top.Length)
            {
                return binding;
            }

            directory = parent;
        }
    }

    private static long? ReadLimit(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file).Trim();
        if (text == "max")
        {
            return null;
        }

        var value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value is > 0 and < UnlimitedAbove ? value : null;
    }

    private static long? ReadNumber(string file) =>
        File.Exists(file) ? long.Parse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture) : null;

    private static long? ReadStat(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith(key + " ", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The fields of one <c>/proc/self/mountinfo</c> line this reader needs.</summary>
    private readonly record struct MountLine(string Root, string MountPoint, string FsType, string SuperOptions)
    {
        // "36 35 98:0 /root /mnt rw,noatime master:1 - cgroup cgroup rw,memory": fields 4 and 5 are the root and
        // the mount point; after the " - " separator come the type, the source and the super options.
        public static MountLine? Parse(string line)
        {
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                return null;
            }

            var head = line[..separator].Split(' ');
            var tail = line[(separator + 3)..].Split(' ');
            return head.Length >= 5 && tail.Length >= 3 ? new MountLine(head[3], head[4], tail[0], tail[2]) : null;
        }
    }
}
