namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>One alert of an Alertmanager webhook notification: what the target matching reads.</summary>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="Labels">The alert's labels (alertname, job, instance, process_pid, ...).</param>
internal sealed record Alert(string Status, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Only firing alerts ask for a dump; a resolved one is acknowledged and ignored.</summary>
    public bool IsFiring => string.Equals(Status, "firing", StringComparison.OrdinalIgnoreCase);

    /// <summary>The alert's name, for log lines.</summary>
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "(unnamed alert)";
}
