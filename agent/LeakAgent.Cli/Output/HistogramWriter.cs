using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Cli.Output;

/// <summary>Prints a type histogram as text, JSON or CSV.</summary>
internal static class HistogramWriter
{
    /// <summary>Aligned columns; the module's file name in brackets as dotnet-gcdump's report shows it.</summary>
    public static void WriteText(TextWriter output, IReadOnlyList<TypeStatistics> rows)
    {
        var table = new TextTable("Count", "Bytes", "Retained", "Type");
        foreach (var row in rows)
        {
            table.Add(Numbers.Count(row.Count), Numbers.Count(row.Bytes), Numbers.Count(row.RetainedBytes), Label(row));
        }

        table.Write(output);
    }

    /// <summary>One row per type: type, module (full path), count, bytes, retained_bytes.</summary>
    public static void WriteCsv(TextWriter output, IReadOnlyList<TypeStatistics> rows)
    {
        Csv.WriteRow(output, "type", "module", "count", "bytes", "retained_bytes");
        foreach (var row in rows)
        {
            Csv.WriteRow(output, row.TypeName, row.Module ?? string.Empty, Invariant(row.Count), Invariant(row.Bytes), Invariant(row.RetainedBytes));
        }
    }

    /// <summary>The dump's facts and a <c>types</c> array.</summary>
    public static void WriteJson(TextWriter output, string path, GcDump dump, int objectCount, IReadOnlyList<TypeStatistics> rows) =>
        Json.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteNumber("totalBytes", dump.Graph.TotalSize);
            json.WriteNumber("objectCount", objectCount);
            json.WriteString("processName", dump.Metadata.ProcessName);
            json.WriteNumber("processId", dump.Metadata.ProcessId);
            json.WriteString("creationTool", dump.Metadata.CreationTool);
            json.WriteStartArray("types");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("type", row.TypeName);
                json.WriteString("module", row.Module);
                json.WriteNumber("count", row.Count);
                json.WriteNumber("bytes", row.Bytes);
                json.WriteNumber("retainedBytes", row.RetainedBytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static string Label(TypeStatistics row) =>
        row.Module is null ? row.TypeName : $"{row.TypeName}  [{ModuleNames.FileName(row.Module)}]";

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
