namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>Used only by the detector test: a list that grows between scans and one that does not.</summary>
internal static class GrowingStatics
{
    public static readonly List<string> Uploads = [];
    public static readonly List<string> Steady = ["a", "b"];
}
