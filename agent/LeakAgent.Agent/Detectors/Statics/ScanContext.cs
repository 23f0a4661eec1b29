namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The state of one scan: objects already visited (so shared objects and cycles are measured once), the object
/// budget, and what was measured. Dropped at the end of the scan, so no app object outlives it.
/// </summary>
internal sealed class ScanContext
{
    private readonly HashSet<object> _visited;
    private readonly int _budget;

    /// <param name="visited">An empty reference-equality set; the scanner reuses one and clears it after the scan.</param>
    /// <param name="budget">Objects visited at most.</param>
    /// <param name="readRare">Whether concurrent collections are counted this scan.</param>
    /// <param name="expectedMeasurements">Capacity hint (the previous scan's count).</param>
    public ScanContext(HashSet<object> visited, int budget, bool readRare, int expectedMeasurements)
    {
        _visited = visited;
        _budget = budget;
        ReadRare = readRare;
        Measurements = new List<StaticFieldMeasurement>(expectedMeasurements);
    }

    public bool ReadRare { get; }

    public List<StaticFieldMeasurement> Measurements { get; }

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
