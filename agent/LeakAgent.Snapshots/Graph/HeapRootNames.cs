namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// Names of the pseudo-nodes that group the roots of a heap graph, exactly as PerfView, Visual Studio and
/// dotnet-gcdump spell them (their tools look them up by name, so they are part of the file format).
/// </summary>
public static class HeapRootNames
{
    /// <summary>The pseudo-root, node 0 of graphs built here.</summary>
    public const string Root = "[.NET Roots]";

    /// <summary>Parent of one <c>[static var T.Field]</c> node per static field.</summary>
    public const string StaticVars = "[static vars]";

    /// <summary>Parent of thread-static roots.</summary>
    public const string ThreadStaticVars = "[thread static vars]";

    /// <summary>Objects referenced from thread stacks.</summary>
    public const string LocalVars = "[local vars]";

    /// <summary>Parent of the handle groups.</summary>
    public const string OtherRoots = "[other roots]";

    /// <summary>Objects held by strong handles.</summary>
    public const string StrongHandles = "[strong Handles]";

    /// <summary>Objects held by pinning handles.</summary>
    public const string PinningHandles = "[pinning Handles]";

    /// <summary>Objects waiting for finalization.</summary>
    public const string FinalizerHandles = "[finalizer Handles]";

    /// <summary>Values of dependent handles and conditional weak tables whose key is alive.</summary>
    public const string DependentHandles = "[Dependent Handles]";

    /// <summary>Objects held by any other kind of handle.</summary>
    public const string OtherHandles = "[other Handles]";

    /// <summary>Objects held by COM / WinRT reference counts.</summary>
    public const string ComObjects = "[COM/WinRT Objects]";

    /// <summary>Prefix of a static-field root's name; the whole name is <c>[static var T.Field]</c>.</summary>
    public const string StaticVarPrefix = "[static var ";

    /// <summary>The name of type 0, the type of nodes that are referenced but never defined.</summary>
    public const string UndefinedType = "UNDEFINED";

    /// <summary>The pseudo-node name of a static field root: <c>[static var T.Field]</c>.</summary>
    /// <param name="typeName">The declaring type's name in gcdump form (see <see cref="TypeNameFormatter"/>).</param>
    /// <param name="fieldName">The field's name.</param>
    /// <returns>The node (and type) name.</returns>
    public static string StaticVar(string typeName, string fieldName) => StaticVarPrefix + typeName + "." + fieldName + "]";
}
