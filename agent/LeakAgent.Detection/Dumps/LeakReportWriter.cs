using System.Text.Json;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Snapshots.Reporting;

namespace LeakAgent.Detection.Dumps;

/// <summary>Writes a <see cref="LeakReport"/> as indented JSON (no reflection: works trimmed and on any runtime).</summary>
internal static class LeakReportWriter
{
    public static void Write(LeakReport report, Stream stream)
    {
        // Relaxed escaping: generic type names keep their '<', '>' and '+' instead of \u003C escapes. The report is
        // a file for people and JSON tools, never embedded in HTML, which is what the default escaping guards.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("service", report.Service);
        json.WriteNumber("pid", report.ProcessId);
        json.WriteString("time", report.Time);
        json.WriteString("dump", report.DumpPath);
        if (report.Upload is { } upload)
        {
            // Where this file and its dump are being uploaded; the self-log and leakagent.gcdump.upload say whether they arrived.
            json.WriteStartObject("upload");
            json.WriteString("dump", upload.DumpUrl);
            json.WriteString("report", upload.ReportUrl);
            json.WriteEndObject();
        }

        json.WriteString("baseline", report.BaselinePath);
        json.WriteString("trigger", report.Trigger);
        if (report.Heap.Evidence is { } evidence)
        {
            json.WriteString("evidence", evidence);
        }

        // Null for the full report; else why retained sizes and retainers were left out (memory near its limit).
        json.WriteString("reducedBecause", report.ReducedBecause);

        json.WriteStartObject("heap");
        if (report.Heap.LiveBytes is { } live)
        {
            json.WriteNumber("liveBytes", live);
        }

        json.WriteNumber("growthBytesPerSecond", Math.Round(report.Heap.SlopeBytesPerSecond, 1));
        json.WriteString("growth", RateParser.Format(report.Heap.SlopeBytesPerSecond));
        json.WriteNumber("fit", Math.Round(report.Heap.Fit, 3));
        json.WriteNumber("samples", report.Heap.Samples);
        json.WriteNumber("windowSeconds", Math.Round(report.Heap.Window.TotalSeconds, 1));
        if (report.Heap.SamplesSpan is { } span)
        {
            json.WriteNumber("samplesSpanSeconds", Math.Round(span.TotalSeconds, 1));
        }

        if (report.Heap.TimeToLimit is { } timeToLimit)
        {
            json.WriteNumber("timeToLimitSeconds", Math.Round(timeToLimit.TotalSeconds, 1));
        }

        json.WriteEndObject();

        json.WriteStartObject("snapshot");
        json.WriteNumber("objects", report.Snapshot.NodeCount);
        json.WriteNumber("edges", report.Snapshot.EdgeCount);
        json.WriteNumber("bytes", report.Snapshot.TotalBytes);
        json.WriteNumber("durationSeconds", Math.Round(report.Snapshot.WallTime.TotalSeconds, 3));
        if (report.Snapshot.GcPause is { } pause)
        {
            json.WriteNumber("gcPauseSeconds", Math.Round(pause.TotalSeconds, 4));
        }

        json.WriteEndObject();

        // The agent's own objects, left out of every list below so they do not pass for the app's growth.
        json.WriteStartObject("agent");
        json.WriteNumber("objects", report.Agent.Objects);
        json.WriteNumber("bytes", report.Agent.Bytes);
        json.WriteNumber("types", report.Agent.Types);
        json.WriteEndObject();

        TypeRowsJson.WriteGrowthArray(json, "topGrowingTypes", report.TopGrowingTypes);

        json.WriteStartArray("topTypes");
        foreach (var row in report.TopTypes)
        {
            json.WriteStartObject();
            json.WriteString("type", row.TypeName);
            json.WriteNumber("count", row.Count);
            json.WriteNumber("bytes", row.Bytes);
            json.WriteNumber("retainedBytes", row.RetainedBytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("growingStaticFields");
        foreach (var field in report.GrowingStaticFields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Path);
            json.WriteNumber("count", field.Count);
            json.WriteNumber("elementsPerSecond", Math.Round(field.ElementsPerSecond, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("retainers");
        foreach (var suspect in report.Retainers)
        {
            json.WriteStartObject();
            json.WriteString("root", suspect.Title);
            json.WriteString("type", suspect.TypeName);
            json.WriteNumber("retainedBytes", suspect.RetainedBytes);
            json.WriteNumber("heapShare", Math.Round(suspect.HeapShare, 4));
            json.WriteString("accumulatesIn", suspect.AccumulationType);
            json.WriteString("path", suspect.Path.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("pendingAsync");
        foreach (var group in report.PendingAsync)
        {
            json.WriteStartObject();
            json.WriteString("method", group.Method);
            json.WriteNumber("count", group.Count);
            json.WriteNumber("retainedBytes", group.RetainedBytes);
            TypeRowsJson.WriteCountArray(json, "retains", group.TopReachableTypes.Take(5));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("pendingMethodsSampled");
        foreach (var method in report.PendingMethodsSampled)
        {
            json.WriteStartObject();
            json.WriteString("method", method.Method);
            json.WriteNumber("count", method.Count);
            json.WriteNumber("oldestAgeSeconds", Math.Round(method.OldestAge.TotalSeconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
