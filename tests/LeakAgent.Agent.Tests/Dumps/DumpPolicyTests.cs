using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Dumps;
using LeakAgent.Agent.Tests.Infrastructure;
using Xunit;

namespace LeakAgent.Agent.Tests.Dumps;

/// <summary>The dump limits, on a clock the test moves.</summary>
public sealed class DumpPolicyTests
{
    private const long MB = 1024 * 1024;
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void NothingOnDisk_NoDumpYet_Proceeds()
    {
        var policy = Policy(cooldown: "30m", maxCount: "5", maxSize: "2GB");

        Assert.True(policy.Decide(_clock.GetUtcNow(), 0, 0).Allowed);
    }

    [Fact]
    public void WithinCooldown_SkipsWithRoundedTimes_ThenProceedsWhenItHasPassed()
    {
        var policy = Policy(cooldown: "30m", maxCount: "5", maxSize: "2GB");
        policy.RecordWritten(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromSeconds(8.997));
        var skipped = policy.Decide(_clock.GetUtcNow(), 1, 10 * MB);
        Assert.Equal(DumpOutcomes.SkippedCooldown, skipped.Outcome);
        Assert.Equal("cooldown: the last dump was 8.997s ago, next allowed in 29m51s (LEAKAGENT_DUMP_COOLDOWN)", skipped.Reason);

        _clock.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(51.003));
        Assert.Equal(DumpOutcomes.SkippedCooldown, policy.Decide(_clock.GetUtcNow() - TimeSpan.FromMilliseconds(1), 1, 10 * MB).Outcome);
        Assert.True(policy.Decide(_clock.GetUtcNow(), 1, 10 * MB).Allowed);
    }

    [Fact]
    public void ZeroCooldown_NeverSkipsForCooldown()
    {
        var policy = Policy(cooldown: "0s", maxCount: "5", maxSize: "2GB");
        policy.RecordWritten(_clock.GetUtcNow());

        Assert.True(policy.Decide(_clock.GetUtcNow(), 1, MB).Allowed);
    }

    [Fact]
    public void CountLimitReached_SkipsAsLimit_NamingTheSetting()
    {
        var policy = Policy(cooldown: "0s", maxCount: "2", maxSize: "2GB");

        Assert.True(policy.Decide(_clock.GetUtcNow(), 1, MB).Allowed);
        var skipped = policy.Decide(_clock.GetUtcNow(), 2, 2 * MB);
        Assert.Equal(DumpOutcomes.SkippedLimit, skipped.Outcome);
        Assert.Contains("2 dumps already in", skipped.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(LEAKAGENT_DUMP_MAX_COUNT=2)", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeBudgetUsedUp_SkipsAsLimit_NamingTheSetting()
    {
        var policy = Policy(cooldown: "0s", maxCount: "100", maxSize: "64MB");

        Assert.True(policy.Decide(_clock.GetUtcNow(), 3, (64 * MB) - 1).Allowed);
        var skipped = policy.Decide(_clock.GetUtcNow(), 4, 64 * MB);
        Assert.Equal(DumpOutcomes.SkippedLimit, skipped.Outcome);
        Assert.EndsWith("(LEAKAGENT_DUMP_MAX_TOTAL_SIZE=64 MB)", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxCountZero_NeverDumps()
    {
        var policy = Policy(cooldown: "0s", maxCount: "0", maxSize: "2GB");

        Assert.Equal(DumpOutcomes.SkippedLimit, policy.Decide(_clock.GetUtcNow(), 0, 0).Outcome);
    }

    [Fact]
    public void CooldownIsCheckedBeforeTheLimits()
    {
        // Both apply: the cooldown says when to look again, which is the more useful of the two reasons.
        var policy = Policy(cooldown: "10m", maxCount: "1", maxSize: "2GB");
        policy.RecordWritten(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(DumpOutcomes.SkippedCooldown, policy.Decide(_clock.GetUtcNow(), 1, MB).Outcome);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(DumpOutcomes.SkippedLimit, policy.Decide(_clock.GetUtcNow(), 1, MB).Outcome);
    }

    private static DumpPolicy Policy(string cooldown, string maxCount, string maxSize) => new(new DumpOptions(new SettingsReader(new Dictionary<string, string?>
    {
        ["LEAKAGENT_DUMP_DIR"] = "/var/dumps",
        ["LEAKAGENT_DUMP_COOLDOWN"] = cooldown,
        ["LEAKAGENT_DUMP_MAX_COUNT"] = maxCount,
        ["LEAKAGENT_DUMP_MAX_TOTAL_SIZE"] = maxSize,
    }, _ => { })));
}
