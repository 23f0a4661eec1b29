using System.Globalization;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Reporting;

namespace LeakAgent.Cli.Output;

/// <summary>Prints a type diff as text, JSON or CSV.</summary>
internal static class DiffWriter
{
    /// <summary>Aligned columns: count and byte deltas, then before → after.</summary>
    public static void WriteText(TextWriter output, IReadOnlyList<TypeGrowth> rows)
    {
        var table = new TextTable("Count Δ", "Bytes Δ", "Count before", "Count after", "Bytes after", "Type");
        foreach (var row in rows)
        {
            table.Add(Numbers.SignedCount(row.CountDelta), Numbers.SignedCount(row.BytesDelta), Numbers.Count(row.CountBefore),
                Numbers.Count(row.CountAfter), Numbers.Count(row.BytesAfter), row.TypeName);
        }

        table.Write(output);
    }

    /// <summary>type, count_before, count_after, count_delta, bytes_before, bytes_after, bytes_delta.</summary>
    public static void WriteCsv(TextWriter output, IReadOnlyList<TypeGrowth> rows)
    {
        Csv.WriteRow(output, "type", "count_before", "count_after", "count_delta", "bytes_before", "bytes_after", "bytes_delta");
        foreach (var row in rows)
        {
            Csv.WriteRow(output, row.TypeName, I(row.CountBefore), I(row.CountAfter), I(row.CountDelta), I(row.BytesBefore), I(row.BytesAfter), I(row.BytesDelta));
        }
    }

    /// <summary>The two files, their totals, and a <c>types</c> array.</summary>
    public static void WriteJson(TextWriter output, string before, string after, long totalBefore, long totalAfter, IReadOnlyList<TypeGrowth> rows) =>
        Json.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("before", before);
            json.WriteString("after", after);
            json.WriteNumber("totalBytesBefore", totalBefore);
            json.WriteNumber("totalBytesAfter", totalAfter);
            TypeRowsJson.WriteGrowthArray(json, "types", rows);
            json.WriteEndObject();
        });

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
