using System.Diagnostics.Tracing;
using System.Globalization;
using LeakAgent.Agent.Diagnostics;
using OpenTelemetry.Exporter;

namespace LeakAgent.Agent.Telemetry;

/// <summary>
/// Turns the OTLP exporter's own warnings and errors (collector unreachable, timeouts, rejected requests) into one
/// <c>[leakagent]</c> line per kind of problem, so a user sees why nothing arrives without enabling OpenTelemetry's
/// self-diagnostics. Listens only to the agent's private exporter, not to an OpenTelemetry copy the app has.
/// </summary>
internal sealed class ExportProblemListener : EventListener
{
    private const string ExporterEventSourceName = "OpenTelemetry-Exporter-OpenTelemetryProtocol";
    private const int ExportSucceededEventId = 21;
    private const int MaxDetailLength = 240;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor too, before our own fields exist: use nothing but the argument.
        if (eventSource.Name == ExporterEventSourceName && eventSource.GetType().Assembly == typeof(OtlpExporterOptions).Assembly)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == ExportSucceededEventId || eventData.Level > EventLevel.Warning)
        {
            return;
        }

        Guard.Run("export problem listener", () => SelfLog.WriteOnce(
            "otlp-export:" + eventData.EventId.ToString(CultureInfo.InvariantCulture),
            "OTLP export problem (" + eventData.EventName + "; repeats are not logged): " + Describe(eventData)));
    }

    private static string Describe(EventWrittenEventArgs eventData)
    {
        var payload = eventData.Payload?.Select(p => FirstLine(p?.ToString())).ToArray() ?? [];
        var text = eventData.Message is null ? string.Join("; ", payload) : string.Format(CultureInfo.InvariantCulture, eventData.Message, payload);
        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
    }

    private static string FirstLine(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline].TrimEnd();
    }
}
