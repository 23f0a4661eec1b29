namespace HelloWorld;

/// <summary>
/// The seed-2 shape behind a static constructor: a cached object, reached from a static, whose list only grows.
/// Used only with <c>--grow-static</c>, so the constructor never runs otherwise.
/// </summary>
/// <remarks>
/// The explicit static constructor is the point: the agent may read this static only once the runtime's own
/// class-init flag says the constructor ran (on .NET 8 it has no such flag and never reads it). The compatibility
/// tests check which runtimes see <c>HelloWorld.GrowingStatic.Name.SupportedExtensions</c>.
/// </remarks>
internal static class GrowingStatic
{
    static GrowingStatic()
    {
        Name = new Extensions();
    }

    /// <summary>The cached object.</summary>
    public static Extensions Name { get; }

    /// <summary>Adds one element, as one request of the seed story does.</summary>
    public static void Grow() => Name.SupportedExtensions.Add(".pdf");

    /// <summary>The cached object's list.</summary>
    internal sealed class Extensions
    {
        public List<string> SupportedExtensions { get; } = [];
    }
}
