namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>One collection found by a scan: its path, its element count, and how the count was read.</summary>
/// <param name="Path">e.g. <c>Shop.Validators.Name.SupportedExtensions</c>.</param>
/// <param name="DisplayStart">Where the namespace-free form (<c>Validators.Name.SupportedExtensions</c>) starts.</param>
/// <param name="Count">Elements, array length, or delegate subscribers.</param>
/// <param name="Kind">How the count was read.</param>
/// <param name="Size">A memory cache's estimated size (its entries' own units) where its statistics are on, else null.</param>
internal readonly record struct StaticFieldMeasurement(string Path, int DisplayStart, long Count, CountKind Kind, long? Size = null);
