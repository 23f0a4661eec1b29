namespace LeakAgent.Detection.Dumps;

/// <summary>The figures of <see cref="GCMemoryInfo"/> the safety check reads (tests build them directly).</summary>
internal readonly record struct MemoryFacts(long HeapSizeBytes, long TotalAvailableBytes, long MemoryLoadBytes, long CommittedBytes);
