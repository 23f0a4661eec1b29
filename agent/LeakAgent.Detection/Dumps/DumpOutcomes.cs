namespace LeakAgent.Detection.Dumps;

/// <summary>The values of <c>leakagent.outcome</c> on <c>leakagent.gcdump.count</c>: part of the metrics contract.</summary>
internal static class DumpOutcomes
{
    public const string Written = "written";
    public const string SkippedCooldown = "skipped_cooldown";
    public const string SkippedLimit = "skipped_limit";
    public const string SkippedUnsafe = "skipped_unsafe";
    public const string Failed = "failed";
}
