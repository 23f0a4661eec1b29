namespace LeakAgent.Snapshots.Format;

/// <summary>The FastSerialization tag bytes a .gcdump uses (see GCDUMP-FORMAT.md).</summary>
internal static class SerializationTags
{
    public const byte NullReference = 1;
    public const byte ObjectReference = 2;
    public const byte BeginObject = 4;
    public const byte EndObject = 6;
    public const byte Byte = 8;
    public const byte Int16 = 9;
    public const byte Int32 = 10;
    public const byte Int64 = 11;
    public const byte SkipRegion = 12;
    public const byte String = 13;

    public const string Header = "!FastSerialization.1";
    public const string HeapDumpType = "GCHeapDump";
    public const string MemoryGraphType = "Graphs.MemoryGraph";

    /// <summary>The GCHeapDump version we write and the newest whose layout we read.</summary>
    public const int HeapDumpVersion = 10;
    public const int HeapDumpMinReaderVersion = 8;
    public const int MemoryGraphVersion = 1;
}
