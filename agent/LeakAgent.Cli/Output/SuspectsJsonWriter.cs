using System.Text.Json;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Reporting;

namespace LeakAgent.Cli.Output;

/// <summary>Prints a suspects report as one JSON document (paths as arrays of steps with sizes).</summary>
internal static class SuspectsJsonWriter
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter output, string path, string? baseline, DominatorTree dominators, LeakSuspectReport report) =>
        Json.Write(output, json =>
        {
            var graph = dominators.Graph;
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteString("baseline", baseline);
            json.WriteNumber("totalBytes", report.TotalBytes);
            json.WriteStartArray("retainers");
            foreach (var suspect in report.Retainers)
            {
                json.WriteStartObject();
                json.WriteString("title", suspect.Title);
                json.WriteString("type", suspect.TypeName);
                json.WriteNumber("retainedBytes", suspect.RetainedBytes);
                WriteOptional(json, "baselineRetainedBytes", suspect.BaselineRetainedBytes);
                json.WriteNumber("heapShare", suspect.HeapShare);
                json.WriteString("accumulationType", suspect.AccumulationType);
                json.WriteNumber("accumulationReferences", graph.GetChildCount(suspect.AccumulationNode));
                // Long paths are elided as in the text output: head, {"elidedSteps": n}, tail.
                json.WriteNumber("pathLength", suspect.Path.Length);
                json.WriteStartArray("path");
                for (int i = 0; i < suspect.Path.Nodes.Count; i++)
                {
                    if (i == suspect.Path.ElidedAt && suspect.Path.ElidedCount > 0)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("elidedSteps", suspect.Path.ElidedCount);
                        json.WriteEndObject();
                    }

                    int node = suspect.Path.Nodes[i];
                    json.WriteStartObject();
                    json.WriteString("name", graph.GetNodeTypeName(node));
                    if (graph.IsObject(node))
                    {
                        json.WriteNumber("bytes", graph.GetSize(node));
                        json.WriteNumber("retainedBytes", dominators.GetRetainedSize(node));
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("pendingAsync");
            foreach (var group in report.PendingAsync)
            {
                json.WriteStartObject();
                json.WriteString("method", group.Method);
                json.WriteString("stateMachineType", group.StateMachineType);
                json.WriteNumber("count", group.Count);
                WriteOptional(json, "baselineCount", group.BaselineCount);
                json.WriteNumber("bytes", group.Bytes);
                json.WriteNumber("retainedBytes", group.RetainedBytes);
                TypeRowsJson.WriteCountArray(json, "retainedTypes", group.TopRetainedTypes);
                TypeRowsJson.WriteCountArray(json, "reachableTypes", group.TopReachableTypes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("hiddenPendingMethods", report.HiddenPendingMethods);
            json.WriteStartArray("growth");
            foreach (var row in report.Growth)
            {
                json.WriteStartObject();
                json.WriteString("type", row.TypeName);
                json.WriteNumber("countDelta", row.CountDelta);
                json.WriteNumber("bytesDelta", row.BytesDelta);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
