namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>The seed-2 shape: a static holding a cached validator whose list every "request" appends to.</summary>
internal static class Validators
{
    public static NameValidator Name { get; } = new();
}
