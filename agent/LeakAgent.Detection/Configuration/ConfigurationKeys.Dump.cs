namespace LeakAgent.Detection.Configuration;

internal static partial class ConfigurationKeys
{
    /// <summary><c>on</c> (default) or <c>off</c>: automatic gcdumps when a leak is suspected.</summary>
    public const string Dump = "LEAKAGENT_DUMP";

    /// <summary>Where dumps and their reports are written.</summary>
    public const string DumpDirectory = "LEAKAGENT_DUMP_DIR";

    /// <summary>The least time between two automatic dumps.</summary>
    public const string DumpCooldown = "LEAKAGENT_DUMP_COOLDOWN";

    /// <summary>The most dumps kept in the dump directory by this agent.</summary>
    public const string DumpMaxCount = "LEAKAGENT_DUMP_MAX_COUNT";

    /// <summary>The most bytes of dumps kept in the dump directory.</summary>
    public const string DumpMaxTotalSize = "LEAKAGENT_DUMP_MAX_TOTAL_SIZE";

    /// <summary>The EventPipe buffer for one snapshot (default: sized from the heap). Too small loses events: then no dump.</summary>
    public const string DumpBufferSize = "LEAKAGENT_DUMP_BUFFER_SIZE";

    /// <summary>Above this heap size no automatic snapshot is taken (its cost grows with the heap).</summary>
    public const string DumpMaxHeap = "LEAKAGENT_DUMP_MAX_HEAP";

    /// <summary>How long one snapshot may take before it is abandoned.</summary>
    public const string DumpTimeout = "LEAKAGENT_DUMP_TIMEOUT";
}
