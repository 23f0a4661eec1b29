namespace HeapTarget;

/// <summary>The leaked element type: its instance count in a snapshot must equal <c>--leaked</c> exactly.</summary>
internal sealed class LeakedItem(int id)
{
    public int Id { get; } = id;
}
