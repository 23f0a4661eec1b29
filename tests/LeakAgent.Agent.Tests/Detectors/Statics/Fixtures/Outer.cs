namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

internal static class Outer
{
    /// <summary>Nested: reported as <c>Outer.Inner.s_items</c>, with '.' for '+'.</summary>
    internal static class Inner
    {
        public static readonly Dictionary<int, string> s_items = new() { [1] = "a", [2] = "b" };
    }
}
