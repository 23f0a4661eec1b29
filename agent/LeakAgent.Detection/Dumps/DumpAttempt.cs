namespace LeakAgent.Detection.Dumps;

/// <summary>How one dump attempt ended.</summary>
/// <param name="Outcome">A <see cref="DumpOutcomes"/> value.</param>
/// <param name="Reason">One line for the log and the alert span: why skipped or failed, or what was written.</param>
/// <param name="Path">The dump written, if any.</param>
/// <param name="Report">The leak report written beside it, if any.</param>
/// <param name="Elapsed">Snapshot and write time (zero when skipped before a snapshot).</param>
internal sealed record DumpAttempt(string Outcome, string Reason, string? Path, LeakReport? Report, TimeSpan Elapsed)
{
    public static DumpAttempt Skipped(DumpDecision decision) => new(decision.Outcome!, decision.Reason, null, null, TimeSpan.Zero);

    public static DumpAttempt Failed(string reason, TimeSpan elapsed) => new(DumpOutcomes.Failed, reason, null, null, elapsed);
}
