namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>Whether a type's static fields may be read now without running app code.</summary>
internal enum TypeReadiness
{
    /// <summary>Safe: the type has no static constructor, or the runtime says it already ran.</summary>
    Ready,

    /// <summary>Its static constructor has not run yet (the runtime flag says so): ask again next scan.</summary>
    NotYetInitialized,

    /// <summary>It has a static constructor and the runtime flag is unavailable: never read.</summary>
    Unknowable,
}
