using System.Text.Json;
using LeakAgent.Snapshots.Analysis;

namespace LeakAgent.Snapshots.Reporting;

/// <summary>
/// The JSON shape of type rows, shared by every JSON the project writes (the agent's leak report, the CLI's
/// <c>diff</c> and <c>suspects</c>) so a reader parses a growth row or a type count the same way everywhere.
/// </summary>
public static class TypeRowsJson
{
    /// <summary>Writes one growth row: <c>type</c>, counts and bytes before, after and their deltas.</summary>
    /// <param name="json">The writer, positioned where a value may go.</param>
    /// <param name="row">The row.</param>
    public static void WriteGrowth(Utf8JsonWriter json, TypeGrowth row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(row);
        json.WriteStartObject();
        json.WriteString("type", row.TypeName);
        json.WriteNumber("countBefore", row.CountBefore);
        json.WriteNumber("countAfter", row.CountAfter);
        json.WriteNumber("countDelta", row.CountDelta);
        json.WriteNumber("bytesBefore", row.BytesBefore);
        json.WriteNumber("bytesAfter", row.BytesAfter);
        json.WriteNumber("bytesDelta", row.BytesDelta);
        json.WriteEndObject();
    }

    /// <summary>Writes an array of growth rows under <paramref name="name"/>.</summary>
    /// <param name="json">The writer, inside an object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="rows">The rows.</param>
    public static void WriteGrowthArray(Utf8JsonWriter json, string name, IEnumerable<TypeGrowth> rows)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rows);
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            WriteGrowth(json, row);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes an array of <c>{ type, count, bytes }</c> under <paramref name="name"/> (what a group holds).</summary>
    /// <param name="json">The writer, inside an object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="types">The types.</param>
    public static void WriteCountArray(Utf8JsonWriter json, string name, IEnumerable<TypeStatistics> types)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(types);
        json.WriteStartArray(name);
        foreach (var type in types)
        {
            json.WriteStartObject();
            json.WriteString("type", type.TypeName);
            json.WriteNumber("count", type.Count);
            json.WriteNumber("bytes", type.Bytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
