namespace LeakAgent.Snapshots.Analysis;

/// <summary>One row of a type histogram.</summary>
/// <param name="TypeName">The type's gcdump name.</param>
/// <param name="Module">The module path, or null.</param>
/// <param name="Count">Number of objects.</param>
/// <param name="Bytes">Sum of their sizes.</param>
/// <param name="RetainedBytes">Sum of the retained sizes of the objects of this type that no other object of this
/// type dominates (so nested instances are not counted twice); 0 when computed without a dominator tree.</param>
public sealed record TypeStatistics(string TypeName, string? Module, int Count, long Bytes, long RetainedBytes);
