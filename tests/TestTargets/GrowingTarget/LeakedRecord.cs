namespace GrowingTarget;

/// <summary>The type that leaks: a distinctive name the diff must put first.</summary>
internal sealed class LeakedRecord(int id)
{
    public int Id { get; } = id;

    // A payload so each record is clearly bigger than the noise of a startup heap.
    public byte[] Payload { get; } = new byte[64];
}
