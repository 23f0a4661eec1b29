namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>A type with static fields worth reading, and whether it is known safe to read them.</summary>
internal sealed class StaticRootType
{
    public StaticRootType(Type type, IReadOnlyList<StaticRoot> roots)
    {
        Type = type;
        Roots = roots;
        DisplayStart = FieldPath.DisplayStart(type);
    }

    public Type Type { get; }

    public IReadOnlyList<StaticRoot> Roots { get; }

    /// <summary>Where the namespace-free display form of this type's paths starts.</summary>
    public int DisplayStart { get; }

    /// <summary>
    /// Set once the type is known safe to read (no static constructor, or it ran). A class constructor never
    /// "un-runs", so the answer is kept and the runtime flag is not read again for this type.
    /// </summary>
    public bool Ready { get; set; }

    /// <summary>The latest answer of the initialization check (for diagnostics and tests).</summary>
    public TypeReadiness LastReadiness { get; set; } = TypeReadiness.NotYetInitialized;
}
