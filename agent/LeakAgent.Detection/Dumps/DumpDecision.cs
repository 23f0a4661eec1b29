namespace LeakAgent.Detection.Dumps;

/// <summary>Whether a snapshot may be taken now, and if not, the outcome and the reason.</summary>
/// <param name="Outcome">Null when the snapshot may go ahead, else a <see cref="DumpOutcomes"/> value.</param>
/// <param name="Reason">Why, for the self-log and the alert span.</param>
internal sealed record DumpDecision(string? Outcome, string Reason)
{
    public static DumpDecision Proceed { get; } = new(null, "allowed");

    public bool Allowed => Outcome is null;
}
