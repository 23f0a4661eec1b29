namespace LeakAgent.Snapshots.Analysis;

/// <summary>One row of a diff between two heap graphs, by type name.</summary>
/// <param name="TypeName">The type's gcdump name.</param>
/// <param name="CountBefore">Objects in the baseline.</param>
/// <param name="CountAfter">Objects in the later graph.</param>
/// <param name="BytesBefore">Bytes in the baseline.</param>
/// <param name="BytesAfter">Bytes in the later graph.</param>
public sealed record TypeGrowth(string TypeName, int CountBefore, int CountAfter, long BytesBefore, long BytesAfter)
{
    /// <summary>Change in object count.</summary>
    public int CountDelta => CountAfter - CountBefore;

    /// <summary>Change in bytes.</summary>
    public long BytesDelta => BytesAfter - BytesBefore;
}
