namespace HeapTarget;

/// <summary>Bulk objects that make the heap big (for buffer-overflow tests and measurements).</summary>
internal sealed class FillerNode(FillerNode? next)
{
    // A reference per object so the walk emits edges as well as nodes, like a real heap.
    public FillerNode? Next { get; } = next;
}
