using System.Text.Json;

namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>
/// Reads Alertmanager's webhook body (<c>{"version":"4","status":…,"alerts":[{"status":…,"labels":{…}},…]}</c>,
/// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Only what target matching needs is
/// read; unknown fields are ignored so newer Alertmanager versions keep working.
/// </summary>
internal static class AlertmanagerPayload
{
    /// <summary>The alerts, or false with the reason a 400 answer gives.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Alert> alerts, out string error)
    {
        alerts = [];
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                error = "the body is not an Alertmanager webhook notification: no \"alerts\" array";
                return false;
            }

            var result = new List<Alert>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
                {
                    error = "an alert has no \"labels\" object";
                    return false;
                }

                var status = item.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "firing";
                result.Add(new Alert(status, ReadLabels(labels)));
            }

            alerts = result;
            error = string.Empty;
            return true;
        }
        catch (JsonException exception)
        {
            error = "the body is not valid JSON: " + exception.Message;
            return false;
        }
        catch (InvalidOperationException)
        {
            // The reader checks structure, not text: a string with invalid UTF-8, or an escaped lone surrogate
            // ("\ud800"), only fails when it is turned into a .NET string. Still the sender's mistake: a 400.
            error = "the body is not valid JSON text: a string holds invalid UTF-8 or an unpaired surrogate";
            return false;
        }
    }

    private static Dictionary<string, string> ReadLabels(JsonElement labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels.EnumerateObject())
        {
            // Prometheus label values are strings; a number sent by hand is accepted as its text.
            result[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
        }

        return result;
    }
}
