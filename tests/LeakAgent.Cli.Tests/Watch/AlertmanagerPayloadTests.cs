using System.Text;
using LeakAgent.Cli.Watch.Alerts;

namespace LeakAgent.Cli.Tests.Watch;

public class AlertmanagerPayloadTests
{
    // The shape Alertmanager 0.27 sends (version "4"), trimmed to two alerts.
    private const string Notification = """
        {"receiver":"leakagent-watch","status":"firing","version":"4","groupKey":"{}:{alertname=\"LeakAgentHeapGrowing\"}",
         "groupLabels":{"alertname":"LeakAgentHeapGrowing"},"commonAnnotations":{},"externalURL":"http://am:9093","truncatedAlerts":0,
         "alerts":[
           {"status":"firing","labels":{"alertname":"LeakAgentHeapGrowing","job":"shop","instance":"pod-1:42","process_pid":"42"},
            "annotations":{"summary":"heap grows"},"startsAt":"2025-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"ab"},
           {"status":"resolved","labels":{"alertname":"LeakAgentLeakSuspected","job":"billing"},"annotations":{}}
         ]}
        """;

    [Fact]
    public void Notification_ParsesStatusAndLabelsOfEachAlert()
    {
        Assert.True(AlertmanagerPayload.TryParse(Encoding.UTF8.GetBytes(Notification), out var alerts, out var error), error);

        Assert.Equal(2, alerts.Count);
        Assert.True(alerts[0].IsFiring);
        Assert.Equal("LeakAgentHeapGrowing", alerts[0].Name);
        Assert.Equal("42", alerts[0].Labels["process_pid"]);
        Assert.Equal("pod-1:42", alerts[0].Labels["instance"]);
        Assert.False(alerts[1].IsFiring);
        Assert.Equal("billing", alerts[1].Labels["job"]);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"alerts\": [", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "no \"alerts\" array")]
    [InlineData("{\"version\":\"4\"}", "no \"alerts\" array")]
    [InlineData("{\"alerts\":{}}", "no \"alerts\" array")]
    [InlineData("{\"alerts\":[{\"status\":\"firing\"}]}", "no \"labels\" object")]
    [InlineData("{\"alerts\":[42]}", "no \"labels\" object")]
    public void MalformedBody_IsRejectedWithAReason(string body, string reason)
    {
        Assert.False(AlertmanagerPayload.TryParse(Encoding.UTF8.GetBytes(body), out var alerts, out var error));
        Assert.Empty(alerts);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericLabelAndMissingStatus_AreReadAsTextAndFiring()
    {
        Assert.True(AlertmanagerPayload.TryParse("{\"alerts\":[{\"labels\":{\"pid\":123}}]}"u8, out var alerts, out _));
        var alert = Assert.Single(alerts);
        Assert.Equal("123", alert.Labels["pid"]);
        Assert.True(alert.IsFiring);
        Assert.Equal("(unnamed alert)", alert.Name);
    }

    [Fact]
    public void InvalidUtf8InALabel_IsRejectedNotThrown()
    {
        var body = "{\"alerts\":[{\"labels\":{\"alertname\":\"X?\"}}]}"u8.ToArray();
        body[Array.IndexOf(body, (byte)'?')] = 0xC3;

        Assert.False(AlertmanagerPayload.TryParse(body, out var alerts, out var error));
        Assert.Empty(alerts);
        Assert.Contains("invalid UTF-8", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"alerts\":[{\"labels\":{\"alertname\":\"\\ud800\"}}]}")]
    [InlineData("{\"alerts\":[{\"labels\":{\"\\udc00\":\"x\"}}]}")]
    [InlineData("{\"alerts\":[{\"status\":\"\\ud800\",\"labels\":{}}]}")]
    public void LoneSurrogateEscape_IsRejectedNotThrown(string body)
    {
        Assert.False(AlertmanagerPayload.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains("unpaired surrogate", error, StringComparison.Ordinal);
    }
}
