namespace LeakAgent.Benchmarks.Statics;

/// <summary>A cached object with a collection one field below the static (the seed-2 shape).</summary>
public sealed class Holder
{
    public List<string> Items { get; } = ["a", "b"];

    public Holder? Next { get; set; }
}
