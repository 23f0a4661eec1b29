using System.Globalization;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Cli.Output;

/// <summary>The one-line description of a dump that text outputs start with.</summary>
internal static class DumpSummary
{
    /// <summary>Counts real objects: pseudo-nodes (root groups) and undefined nodes are not heap objects.</summary>
    public static int ObjectCount(HeapGraph graph)
    {
        int count = 0;
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><c>seeds.gcdump: 1.5 MB (1,527,232 bytes) in 8,645 objects — dotnet-gcdump, LeakFixture pid 42, 2026-01-01 10:00:00</c>.</summary>
    public static string Describe(string path, GcDump dump, int objectCount)
    {
        var metadata = dump.Metadata;
        var facts = new List<string>();
        if (!string.IsNullOrEmpty(metadata.CreationTool))
        {
            facts.Add(metadata.CreationTool);
        }

        string pid = metadata.ProcessId != 0 ? string.Create(CultureInfo.InvariantCulture, $"pid {metadata.ProcessId}") : string.Empty;
        string process = $"{metadata.ProcessName} {pid}".Trim();
        if (process.Length > 0)
        {
            facts.Add(process);
        }

        if (metadata.TimeCollected != default)
        {
            facts.Add(metadata.TimeCollected.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        string suffix = facts.Count == 0 ? string.Empty : " — " + string.Join(", ", facts);
        return $"{Path.GetFileName(path)}: {Numbers.Bytes(dump.Graph.TotalSize)} ({Numbers.Count(dump.Graph.TotalSize)} bytes) in {Numbers.Count(objectCount)} objects{suffix}";
    }
}
