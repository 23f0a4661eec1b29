using LeakAgent.Detection.Memory;
using Xunit;

namespace LeakAgent.Agent.Tests.Memory;

/// <summary>The cgroup reader on fake <c>/proc</c> and <c>/sys</c> trees laid out as Kubernetes nodes have them.</summary>
public sealed class CgroupMemoryTests : IDisposable
{
    private const long MB = 1024 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("cgroup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void V1_LimitOnTheParent_Binds_AndInactiveFileIsNotCounted()
    {
        Write("proc/self/cgroup", "4:memory:/kubepods/pod1/ctr\n3:cpu:/\n");
        Write("proc/self/mountinfo", "30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory\n");
        Write("sys/fs/cgroup/memory/kubepods/pod1/ctr/memory.limit_in_bytes", "9223372036854771712\n");
        Write("sys/fs/cgroup/memory/kubepods/pod1/memory.limit_in_bytes", (512 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory/kubepods/pod1/memory.usage_in_bytes", (300 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory/kubepods/pod1/memory.stat", $"cache 1\ntotal_inactive_file {40 * MB}\n");
        Write("sys/fs/cgroup/memory/kubepods/memory.limit_in_bytes", (4096 * MB).ToString() + "\n");

        var reading = new CgroupMemory(_root).Read();

        Assert.Equal(new CgroupReading(512 * MB, 260 * MB, 1), reading);
        Assert.Equal(252 * MB, reading!.Value.RoomBytes);
    }

    [Fact]
    public void V2_InsideAContainer_PathIsRelativeToTheMountRoot()
    {
        Write("proc/self/cgroup", "0::/\n");
        Write("proc/self/mountinfo", "40 30 0:30 /kubepods/pod2 /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        Write("sys/fs/cgroup/memory.max", (256 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory.current", (100 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory.stat", $"anon 1\ninactive_file {10 * MB}\n");

        Assert.Equal(new CgroupReading(256 * MB, 90 * MB, 2), new CgroupMemory(_root).Read());
    }

    [Fact]
    public void AnotherProcess_IsReadThroughItsOwnCgroupFile()
    {
        // leakagent watch on the same host: the target's /proc/PID/cgroup, resolved in the watcher's mounts.
        Write("proc/self/cgroup", "4:memory:/watcher\n");
        Write("proc/4242/cgroup", "4:memory:/pods/target\n");
        Write("proc/self/mountinfo", "30 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        Write("sys/fs/cgroup/memory/watcher/memory.limit_in_bytes", (64 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory/pods/target/memory.limit_in_bytes", (256 * MB).ToString() + "\n");
        Write("sys/fs/cgroup/memory/pods/target/memory.usage_in_bytes", (200 * MB).ToString() + "\n");

        Assert.Equal(new CgroupReading(256 * MB, 200 * MB, 1), new CgroupMemory(_root, 4242).Read());
        Assert.Equal(64 * MB, new CgroupMemory(_root).Read()!.Value.LimitBytes);
    }

    [Fact]
    public void NoLimitAnywhere_IsNull()
    {
        Write("proc/self/cgroup", "0::/user.slice\n");
        Write("proc/self/mountinfo", "40 30 0:30 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        Write("sys/fs/cgroup/user.slice/memory.max", "max\n");
        Write("sys/fs/cgroup/user.slice/memory.current", "123\n");

        Assert.Null(new CgroupMemory(_root).Read());
    }

    [Fact]
    public void GarbledFiles_AreNoLimit_NotAnException()
    {
        Write("proc/self/cgroup", "4:memory:/a\n");
        Write("proc/self/mountinfo", "30 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        Write("sys/fs/cgroup/memory/a/memory.limit_in_bytes", "not a number\n");

        Assert.Null(new CgroupMemory(_root).Read());
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
