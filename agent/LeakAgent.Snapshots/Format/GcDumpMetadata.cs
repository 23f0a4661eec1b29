namespace LeakAgent.Snapshots.Format;

/// <summary>What a .gcdump records about the process and the collection, besides the graph.</summary>
public sealed class GcDumpMetadata
{
    /// <summary>Whether the process was 64-bit (pointer size 8).</summary>
    public bool Is64Bit { get; set; } = true;

    /// <summary>The process name, or null.</summary>
    public string? ProcessName { get; set; }

    /// <summary>The process id, or 0.</summary>
    public int ProcessId { get; set; }

    /// <summary>When the snapshot was taken. Stored as <see cref="DateTime.Ticks"/>; read back with <see cref="DateTimeKind.Unspecified"/>.</summary>
    public DateTime TimeCollected { get; set; }

    /// <summary>The machine name, or null.</summary>
    public string? MachineName { get; set; }

    /// <summary>The tool that wrote the file (upstream writes <c>dotnet-gcdump</c>), or null.</summary>
    public string? CreationTool { get; set; }

    /// <summary>The collection log text, or null.</summary>
    public string? CollectionLog { get; set; }

    /// <summary>The process's committed memory in bytes, or 0.</summary>
    public long TotalProcessCommit { get; set; }

    /// <summary>The process's working set in bytes, or 0.</summary>
    public long TotalProcessWorkingSet { get; set; }
}
