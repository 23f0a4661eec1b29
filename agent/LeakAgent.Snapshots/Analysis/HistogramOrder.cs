namespace LeakAgent.Snapshots.Analysis;

/// <summary>How a type histogram is sorted (descending).</summary>
public enum HistogramOrder
{
    /// <summary>By total shallow bytes.</summary>
    Bytes = 0,

    /// <summary>By retained bytes.</summary>
    RetainedBytes = 1,

    /// <summary>By object count.</summary>
    Count = 2,
}
