namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>A growing static collection, as the leak report and the metrics show it.</summary>
/// <param name="Path">The field path, e.g. <c>Shop.Validators.Name.SupportedExtensions</c> (the <c>leakagent.field</c> value).</param>
/// <param name="DisplayPath">The path without the namespace, e.g. <c>Validators.Name.SupportedExtensions</c>.</param>
/// <param name="Count">Elements at the latest scan.</param>
/// <param name="ElementsPerSecond">Robust growth rate over the retained history (Theil–Sen).</param>
/// <param name="Samples">How many scans the rate is based on.</param>
/// <param name="Steady">Whether its history is steady growth, a leak's shape (<see cref="GrowthHistory.IsSteadyGrowth"/>).</param>
internal sealed record StaticFieldGrowth(string Path, string DisplayPath, long Count, double ElementsPerSecond, int Samples, bool Steady = false);
