namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>
/// NEVER touch this type in any test: its static constructor writes a marker file, and the scan must never be what
/// runs it. Tests refer to it only through <c>typeof</c>, which does not run a static constructor (calling any of its
/// static members would: it is not beforefieldinit).
/// </summary>
internal sealed class SideEffectOnInit
{
    public static readonly List<int> Items = [1, 2, 3];

    static SideEffectOnInit() => File.WriteAllText(SideEffectMarker.Path, "static constructor ran");
}
