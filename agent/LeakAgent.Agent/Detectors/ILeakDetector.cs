namespace LeakAgent.Agent.Detectors;

/// <summary>
/// One leak detector. Detectors fail independently: one that throws from <see cref="Start"/> is disabled and
/// logged, the others go on.
/// </summary>
internal interface ILeakDetector : IDisposable
{
    /// <summary>A name from <see cref="DetectorNames"/>.</summary>
    string Name { get; }

    /// <summary>Subscribes to the runtime and starts timers. Must return quickly.</summary>
    void Start();

    /// <summary>Adds this detector's clauses to the human summary (e.g. <c>heap +3.1 MB/min (fit 0.97)</c>), if any.</summary>
    void Describe(ICollection<string> clauses);
}
