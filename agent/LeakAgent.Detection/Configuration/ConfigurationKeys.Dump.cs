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

    /// <summary>Where complete dumps and their reports are uploaded: <c>s3://bucket/prefix</c>, <c>azblob://container/prefix</c>
    /// or a blob endpoint URL. Unset (default): dumps stay local only.</summary>
    public const string DumpUpload = "LEAKAGENT_DUMP_UPLOAD";

    /// <summary><c>true</c> (default): keep the local copy after a confirmed upload; <c>false</c>: delete it.</summary>
    public const string DumpUploadKeepLocal = "LEAKAGENT_DUMP_UPLOAD_KEEP_LOCAL";

    /// <summary>Tries of one upload before it counts as failed (backing off between them).</summary>
    public const string DumpUploadAttempts = "LEAKAGENT_DUMP_UPLOAD_ATTEMPTS";

    /// <summary>How long one try of an upload may take.</summary>
    public const string DumpUploadTimeout = "LEAKAGENT_DUMP_UPLOAD_TIMEOUT";
}
