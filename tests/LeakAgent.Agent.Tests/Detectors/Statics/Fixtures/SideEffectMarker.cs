namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>Where <see cref="SideEffectOnInit"/>'s static constructor writes; kept apart so asking for the path does
/// not initialize that type.</summary>
internal static class SideEffectMarker
{
    public static string Path => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"leakagent-statics-cctor-{Environment.ProcessId}.txt");
}
