using System.Globalization;

namespace LeakAgent.IntegrationTests.Containers;

/// <summary>
/// A real memory cgroup for one test process, made below this process's own, as a container runtime makes one for
/// a pod: cgroup v1's memory controller, or v2 where its parent delegates the memory controller. Needs root (CI
/// runs as root); where neither can be made, <see cref="UnavailableReason"/> says why and the tests skip.
/// </summary>
/// <remarks>Read independently of the agent's own cgroup reader, so a bug there cannot hide here.</remarks>
internal sealed class MemoryCgroup : IDisposable
{
    private static readonly Lazy<(string? Parent, int Version, string? Reason)> s_parent = new(FindParent);

    private MemoryCgroup(string path, int version, long limitBytes)
    {
        Path = path;
        Version = version;
        LimitBytes = limitBytes;
    }

    /// <summary>Why no memory cgroup can be made here, or null when one can.</summary>
    public static string? UnavailableReason => s_parent.Value.Reason;

    /// <summary>The cgroup's directory.</summary>
    public string Path { get; }

    /// <summary>1 or 2.</summary>
    public int Version { get; }

    public long LimitBytes { get; }

    /// <summary>The most memory ever charged to the cgroup.</summary>
    public long PeakBytes => ReadNumber(Version == 1 ? "memory.max_usage_in_bytes" : "memory.peak") ?? 0;

    /// <summary>How many times the kernel's OOM killer killed a process of this cgroup.</summary>
    public long OomKills => ReadKey(Version == 1 ? "memory.oom_control" : "memory.events", "oom_kill") ?? 0;

    /// <summary>Makes a cgroup limited to <paramref name="limitBytes"/> (swap off, as in Kubernetes).</summary>
    public static MemoryCgroup Create(string name, long limitBytes)
    {
        var (parent, version, reason) = s_parent.Value;
        if (parent is null)
        {
            throw new InvalidOperationException(reason);
        }

        var path = System.IO.Path.Combine(parent, $"leakagent-{name}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(path);
        var cgroup = new MemoryCgroup(path, version, limitBytes);
        if (version == 1)
        {
            File.WriteAllText(System.IO.Path.Combine(path, "memory.limit_in_bytes"), limitBytes.ToString(CultureInfo.InvariantCulture));
            TryWrite(System.IO.Path.Combine(path, "memory.swappiness"), "0");
        }
        else
        {
            File.WriteAllText(System.IO.Path.Combine(path, "memory.max"), limitBytes.ToString(CultureInfo.InvariantCulture));
            TryWrite(System.IO.Path.Combine(path, "memory.swap.max"), "0");
        }

        return cgroup;
    }

    /// <summary>
    /// A command line that moves itself into this cgroup and then becomes <paramref name="program"/>: the runtime must
    /// start inside the limit, as in a container, to read it.
    /// </summary>
    public (string FileName, List<string> Arguments) Wrap(string program, IEnumerable<string> arguments)
    {
        var script = $"echo $$ > '{System.IO.Path.Combine(Path, "cgroup.procs")}' && exec \"$@\"";
        return ("/bin/sh", ["-c", script, "sh", program, .. arguments]);
    }

    public void Dispose()
    {
        // The process is gone by now; the kernel may need a moment to uncharge it before the directory can go.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Directory.Delete(Path);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static (string? Parent, int Version, string? Reason) FindParent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, 0, "memory cgroups need Linux");
        }

        var lines = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).Where(p => p.Length == 3).ToList();
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(ParseMount).Where(m => m is not null).Select(m => m!.Value).ToList();
        var reasons = new List<string>();
        if (lines.FirstOrDefault(p => p[1].Split(',').Contains("memory")) is { } v1Line
            && mounts.FirstOrDefault(m => m.Type == "cgroup" && m.Options.Split(',').Contains("memory")) is { Point: not null } v1Mount)
        {
            var parent = v1Mount.Point + (v1Mount.Root == "/" ? v1Line[2] : v1Line[2][Math.Min(v1Line[2].Length, v1Mount.Root.Length)..]);
            if (Probe(parent, "memory.limit_in_bytes") is { } problem)
            {
                reasons.Add($"cgroup v1 at {parent}: {problem}");
            }
            else
            {
                return (parent, 1, null);
            }
        }

        if (lines.FirstOrDefault(p => p[0] == "0" && p[1].Length == 0) is { } v2Line && mounts.FirstOrDefault(m => m.Type == "cgroup2") is { Point: not null } v2Mount)
        {
            var parent = v2Mount.Point + v2Line[2].TrimEnd('/');
            var controllers = System.IO.Path.Combine(parent, "cgroup.subtree_control");
            if (!File.Exists(controllers) || !File.ReadAllText(controllers).Split(' ', '\n').Contains("memory"))
            {
                TryWrite(controllers, "+memory");
            }

            if (File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("memory") && Probe(parent, "memory.max") is not { } problem)
            {
                return (parent, 2, null);
            }

            reasons.Add($"cgroup v2 at {parent}: the memory controller is not delegated to its children");
        }

        return (null, 0, "no memory cgroup can be made here (" + (reasons.Count == 0 ? "no memory controller mounted" : string.Join("; ", reasons)) + "); these tests need root and cgroup v1's memory controller or a delegated v2 one");
    }

    private static string? Probe(string parent, string limitFile)
    {
        var probe = System.IO.Path.Combine(parent, "leakagent-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(probe);
            File.WriteAllText(System.IO.Path.Combine(probe, limitFile), (64L << 20).ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
        finally
        {
            try
            {
                Directory.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing was made.
            }
        }
    }

    private static void TryWrite(string file, string text)
    {
        try
        {
            File.WriteAllText(file, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Optional setting.
        }
    }

    private long? ReadNumber(string file)
    {
        var path = System.IO.Path.Combine(Path, file);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private long? ReadKey(string file, string key)
    {
        var path = System.IO.Path.Combine(Path, file);
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadAllLines(path).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[(key.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static (string Root, string Point, string Type, string Options)? ParseMount(string line)
    {
        var separator = line.IndexOf(" - ", StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var head = line[..separator].Split(' ');
        var tail = line[(separator + 3)..].Split(' ');
        return head.Length >= 5 && tail.Length >= 3 ? (head[3], head[4], tail[0], tail[2]) : null;
    }
}
