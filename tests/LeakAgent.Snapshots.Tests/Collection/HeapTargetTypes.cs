namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>HeapTarget's distinctive types as a snapshot names them, and its default counts.</summary>
internal static class HeapTargetTypes
{
    public const int DefaultLeaked = 50_000;
    public const int DefaultPending = 2_000;
    public const string LeakedItem = "HeapTarget.LeakedItem";
    public const string FillerNode = "HeapTarget.FillerNode";
    public const string LeakedList = "System.Collections.Generic.List<HeapTarget.LeakedItem>";

    // BulkRootStaticVar carries the field name and the type id of the object the field holds, not the declaring
    // type (HeapTarget.Program): the runtime names s_commandLineArgs "System.String[]" the same way.
    public const string LeakedListRoot = "[static var " + LeakedList + ".s_leaked]";

    /// <summary>The box of a pending <c>PendingWork.ParkAsync</c> call (its generic arguments vary by build).</summary>
    public static bool IsParkAsyncBox(string typeName) =>
        typeName.Contains("AsyncStateMachineBox", StringComparison.Ordinal)
        && typeName.Contains("HeapTarget.PendingWork+<ParkAsync>d__", StringComparison.Ordinal);
}
