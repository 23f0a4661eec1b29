using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Detection.Dumps;

/// <summary>
/// The limits on automatic dumps: a cooldown between two, a maximum count and a size budget for the dumps already
/// in the directory. Pure: the caller passes the clock and what is on disk.
/// </summary>
internal sealed class DumpPolicy
{
    private readonly DumpOptions _options;
    private DateTimeOffset? _lastWritten;

    public DumpPolicy(DumpOptions options) => _options = options;

    /// <summary>Records that a dump was written at <paramref name="time"/> (starts the cooldown).</summary>
    public void RecordWritten(DateTimeOffset time) => _lastWritten = time;

    public DumpDecision Decide(DateTimeOffset now, int dumpsOnDisk, long bytesOnDisk)
    {
        if (_lastWritten is { } last && now - last < _options.Cooldown)
        {
            var left = _options.Cooldown - (now - last);
            return new DumpDecision(DumpOutcomes.SkippedCooldown, $"cooldown: the last dump was {DurationParser.Format(now - last)} ago, next allowed in {DurationParser.Format(left)} (LEAKAGENT_DUMP_COOLDOWN)");
        }

        if (dumpsOnDisk >= _options.MaxCount)
        {
            return new DumpDecision(DumpOutcomes.SkippedLimit, $"{dumpsOnDisk} dump{(dumpsOnDisk == 1 ? string.Empty : "s")} already in {_options.Directory} (LEAKAGENT_DUMP_MAX_COUNT={_options.MaxCount})");
        }

        if (bytesOnDisk >= _options.MaxTotalSizeBytes)
        {
            return new DumpDecision(DumpOutcomes.SkippedLimit, $"{SizeParser.Format(bytesOnDisk)} of dumps already in {_options.Directory} (LEAKAGENT_DUMP_MAX_TOTAL_SIZE={SizeParser.Format(_options.MaxTotalSizeBytes)})");
        }

        return DumpDecision.Proceed;
    }
}
