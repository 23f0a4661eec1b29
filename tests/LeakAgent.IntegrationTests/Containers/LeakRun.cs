using System.Globalization;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Containers;

/// <summary>How one run of ContainerLeakTarget in a memory cgroup ended.</summary>
/// <param name="ExitCode">134 for the runtime's "Out of memory." abort, 137 for the kernel's OOM kill.</param>
/// <param name="LeakedBytes">What the app had leaked when it last reported (every 250 ms): how far it got.</param>
/// <param name="Seconds">When it last reported.</param>
/// <param name="PeakBytes">The cgroup's peak charge.</param>
/// <param name="OomKills">Kernel OOM kills in the cgroup.</param>
internal sealed record LeakRunResult(int ExitCode, long LeakedBytes, double Seconds, long PeakBytes, long OomKills, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"exit {ExitCode}, leaked {LeakedBytes / 1048576.0:0.0} MB in {Seconds:0.0} s, cgroup peak {PeakBytes / 1048576.0:0.0} MB, {OomKills} OOM kills";
}

/// <summary>Runs tests/TestTargets/ContainerLeakTarget until it dies, in its own memory cgroup.</summary>
internal static class LeakRun
{
    /// <summary>
    /// Starts the target in <paramref name="cgroup"/> with exactly <paramref name="environment"/> added (a user's
    /// settings: the hook and a dump folder, nothing test-sized) and waits for it to die.
    /// </summary>
    public static async Task<LeakRunResult> UntilDeathAsync(MemoryCgroup cgroup, long leakBytesPerSecond, int recordBytes, IDictionary<string, string?> environment, TimeSpan timeout, IEnumerable<string>? extraArguments = null)
    {
        var (fileName, arguments) = cgroup.Wrap("dotnet", [TargetDll(), "--leak-rate", leakBytesPerSecond.ToString(CultureInfo.InvariantCulture), "--record-bytes", recordBytes.ToString(CultureInfo.InvariantCulture), .. extraArguments ?? []]);
        using var process = InstrumentedProcess.Start(fileName, arguments, environment, withHook: false);
        var exit = await process.WaitForExitAsync(timeout);
        var (leaked, seconds) = LastProgress(process.StandardOutput);
        return new LeakRunResult(exit, leaked, seconds, cgroup.PeakBytes, cgroup.OomKills, process.StandardOutput, process.StandardError);
    }

    /// <summary>The hook and a dump folder: the two settings the new user set, and nothing else.</summary>
    public static Dictionary<string, string?> AgentDefaults(string dumpDirectory) => new()
    {
        ["DOTNET_STARTUP_HOOKS"] = RepoPaths.StartupHook,
        ["LEAKAGENT_DUMP_DIR"] = dumpDirectory,
    };

    /// <summary>The last <c>leaked BYTES records N elapsed SECONDS</c> line.</summary>
    public static (long Bytes, double Seconds) LastProgress(string stdout)
    {
        var last = stdout.Split('\n').LastOrDefault(l => l.StartsWith("leaked ", StringComparison.Ordinal));
        if (last is null)
        {
            return (0, 0);
        }

        var fields = last.Split(' ');
        return (long.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[5], CultureInfo.InvariantCulture));
    }

    private static string TargetDll()
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(RepoPaths.Root, "tests", "TestTargets", "ContainerLeakTarget", "bin", configuration, "net10.0", "ContainerLeakTarget.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("ContainerLeakTarget is not built; run ./build.sh first");
    }
}
