namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The state of one scan: objects already visited (so shared objects and cycles are measured once), the object
/// budget, and what was measured. Dropped at the end of the scan, so no app object outlives it.
/// </summary>
internal sealed class ScanContext
{
    private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly int _budget;

    public ScanContext(int budget, bool readRare)
    {
        _budget = budget;
        ReadRare = readRare;
    }

    public bool ReadRare { get; }

    public List<StaticFieldMeasurement> Measurements { get; } = [];

    public int Visited => _visited.Count;

    public bool BudgetExhausted { get; private set; }

    /// <summary>Marks <paramref name="value"/> visited; false when it was already, or the budget is spent.</summary>
    public bool TryEnter(object value)
    {
        if (_visited.Count >= _budget)
        {
            BudgetExhausted = true;
            return false;
        }

        return _visited.Add(value);
    }
}
