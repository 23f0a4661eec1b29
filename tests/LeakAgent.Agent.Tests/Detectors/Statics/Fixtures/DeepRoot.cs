namespace LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;

/// <summary>static → Service → Cache → list (two fields below the static), plus a cycle and a static event.</summary>
internal static class DeepRoot
{
    public static readonly Service Root = new();

    public static event EventHandler? Changed;

    public static void Subscribe(EventHandler handler) => Changed += handler;

    internal static void Raise() => Changed?.Invoke(null, EventArgs.Empty);

    internal sealed class Service
    {
        public readonly int[] Numbers = [1, 2, 3, 4];
        public readonly Cache Cache = new();
        public Service? Self;

        public Service() => Self = this;
    }

    internal sealed class Cache
    {
        public readonly List<int> Entries = [7, 8];
    }
}
