namespace ContainerLeakTarget;

/// <summary>What leaks: one per simulated request, kept forever in <see cref="SessionCache"/>. Three objects (the
/// record, its key string and its payload array), so the leak is many small objects, the costly shape to snapshot.</summary>
internal sealed class SessionRecord(long id, int payloadBytes)
{
    public long Id { get; } = id;

    public string Key { get; } = "session-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Payload { get; } = new byte[payloadBytes];
}
