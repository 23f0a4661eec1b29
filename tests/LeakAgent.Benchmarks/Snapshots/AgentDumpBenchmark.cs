using System.Diagnostics;
using System.Globalization;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// What a whole automatic dump costs the app, as a pod's memory limit sees it: the snapshot, the .gcdump written and
/// the leak report computed (dominators, retainers, census), through the agent's own <c>DumpRecorder</c>, on a heap
/// of N objects. Peak resident set (sampled every 2 ms) and the memory cgroup's peak charge, each over the figure
/// just before the dump, per object of the heap. Run inside a cgroup of its own (tests/benchmarks/dump-cost.sh) for
/// the cgroup figure.
/// </summary>
/// <remarks>Uses only what the agent had before the memory-model change too (a plain check and a buffer size), so the
/// same file builds against an older commit and measures before and after in one run.</remarks>
internal static class AgentDumpBenchmark
{
    private const double MB = 1024 * 1024;

    public static async Task<int> RunAsync(int objectCount)
    {
        var heap = new SyntheticObjects(objectCount);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var directory = Path.Combine(Path.GetTempPath(), "leakagent-dump-benchmark-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var options = new DumpOptions(new SettingsReader(new Dictionary<string, string?> { ["LEAKAGENT_DUMP_DIR"] = directory }, _ => { }));
        var recorder = new DumpRecorder(options, TimeProvider.System, _ => { });
        var request = new DumpRequest(Environment.ProcessId, "benchmark", "heap_trend", new TriggerFacts(GC.GetTotalMemory(false), 0, 0, 0, TimeSpan.Zero), [], [], []);
        var cgroup = CgroupFiles.Own();
        cgroup?.ResetPeak();
        var baseResident = MemoryProbe.ResidentBytes();
        var baseCgroup = cgroup?.Usage() ?? 0;
        DumpAttempt attempt;
        var clock = Stopwatch.StartNew();
        using (var memory = new MemoryProbe())
        {
            attempt = await recorder.AttemptAsync(request, () => DumpDecision.Proceed, HeapSnapshotBufferSize.ForObjectCount(heap.ObjectCount), Metadata, CancellationToken.None).ConfigureAwait(false);
            var peakResident = memory.PeakResidentBytes - baseResident;
            var peakCgroup = cgroup is null ? (long?)null : cgroup.Peak() - baseCgroup;
            Console.WriteLine($"{heap.ObjectCount:N0} objects: {attempt.Outcome} in {clock.Elapsed.TotalSeconds:0.0} s; "
                + $"resident peak +{peakResident / MB:0} MB = {peakResident / (double)heap.ObjectCount:0.0} B/object; "
                + (peakCgroup is { } c ? $"cgroup peak +{c / MB:0} MB = {c / (double)heap.ObjectCount:0.0} B/object" : "no cgroup of its own"));
        }

        Directory.Delete(directory, recursive: true);
        GC.KeepAlive(heap);
        return attempt.Outcome == DumpOutcomes.Written ? 0 : 1;
    }

    private static GcDumpMetadata Metadata(DateTimeOffset now) => new() { ProcessId = Environment.ProcessId, TimeCollected = now.UtcDateTime, Is64Bit = true };

    /// <summary>The process's own cgroup v1 memory files (the script puts it in a fresh one).</summary>
    private sealed class CgroupFiles(string directory)
    {
        public static CgroupFiles? Own()
        {
            var line = File.ReadAllLines("/proc/self/cgroup").FirstOrDefault(l => l.Split(':')[1].Split(',').Contains("memory"));
            var directory = line is null ? null : "/sys/fs/cgroup/memory" + line.Split(':', 3)[2];
            return directory is not null && File.Exists(Path.Combine(directory, "memory.max_usage_in_bytes")) ? new CgroupFiles(directory) : null;
        }

        public long Usage() => Read("memory.usage_in_bytes");

        public long Peak() => Read("memory.max_usage_in_bytes");

        public void ResetPeak()
        {
            try
            {
                File.WriteAllText(Path.Combine(directory, "memory.max_usage_in_bytes"), "0");
            }
            catch (IOException)
            {
                // Not ours to reset: the peak then counts from the start of the process.
            }
        }

        private long Read(string file) => long.Parse(File.ReadAllText(Path.Combine(directory, file)).Trim(), CultureInfo.InvariantCulture);
    }
}
