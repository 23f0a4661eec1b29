namespace LeakAgent.Agent.Configuration;

/// <summary>Defaults of the task detectors (docs/configuration.md says why these).</summary>
internal static class TasksDefaults
{
    /// <summary>With <see cref="SampleWindow"/>, a 1% duty cycle: docs/benchmarks.md measured a listening window
    /// slowing async-heavy code ~2x, so 1% costs ~1% of its throughput and nothing between windows.</summary>
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);

    /// <summary>Long enough to catch operations of a service doing a few requests a second.</summary>
    public static readonly TimeSpan SampleWindow = TimeSpan.FromSeconds(3);

    /// <summary>An operation still pending a minute after it began is not a slow call any more.</summary>
    public static readonly TimeSpan PendingAge = TimeSpan.FromMinutes(1);

    /// <summary>The first window opens this soon after start (or after <see cref="SampleEvery"/>, if shorter).</summary>
    public static readonly TimeSpan FirstWindowDelay = TimeSpan.FromSeconds(10);

    /// <summary>Operations tracked at most (~40 bytes each: under 1 MB); more are counted as dropped.</summary>
    public const int MaxTrackedOperations = 20_000;

    /// <summary>Distinct <c>code.function.name</c> values exported; the rest are summed as <c>other</c>.</summary>
    public const int MaxMethods = 10;

    /// <summary>Distinct <c>exception.type</c> values exported; later types count as <c>other</c>.</summary>
    public const int MaxExceptionTypes = 20;
}
