namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// What keeps a root edge alive, as the runtime reports it in its GC root events. It decides under which
/// pseudo-node of <c>[.NET Roots]</c> the rooted object is listed.
/// </summary>
public enum HeapRootKind
{
    /// <summary>A local variable or argument on a thread's stack: listed under <c>[local vars]</c>.</summary>
    Stack = 0,

    /// <summary>A strong GC handle: <c>[other roots]</c> → <c>[strong Handles]</c>.</summary>
    StrongHandle = 1,

    /// <summary>A pinning GC handle: <c>[other roots]</c> → <c>[pinning Handles]</c>.</summary>
    PinningHandle = 2,

    /// <summary>A weak handle. Weak references do not keep objects alive, so the builder ignores these roots.</summary>
    WeakHandle = 3,

    /// <summary>A dependent handle (its primary keeps the target alive): <c>[other roots]</c> → <c>[Dependent Handles]</c>.</summary>
    DependentHandle = 4,

    /// <summary>An object on the finalizer queue: <c>[other roots]</c> → <c>[finalizer Handles]</c>.</summary>
    Finalizer = 5,

    /// <summary>A ref-counted handle (COM / WinRT): <c>[other roots]</c> → <c>[COM/WinRT Objects]</c>.</summary>
    RefCounted = 6,

    /// <summary>Any other root: <c>[other roots]</c> → <c>[other Handles]</c>.</summary>
    Other = 7,
}
