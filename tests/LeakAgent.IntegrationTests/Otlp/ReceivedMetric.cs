namespace LeakAgent.IntegrationTests.Otlp;

/// <summary>One metric as it arrived over the wire, flattened for assertions.</summary>
public sealed record ReceivedMetric(
    string Transport,
    IReadOnlyDictionary<string, string> Resource,
    string Scope,
    string Name,
    string Unit,
    string Kind,
    IReadOnlyList<ReceivedPoint> Points);

/// <summary>One data point: its attributes and its value (sums and gauges; a histogram's count).</summary>
public sealed record ReceivedPoint(IReadOnlyDictionary<string, string> Attributes, double Value, DateTimeOffset Time);

/// <summary>One span as it arrived over the wire.</summary>
public sealed record ReceivedSpan(
    string Transport,
    IReadOnlyDictionary<string, string> Resource,
    string Scope,
    string Name,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> EventNames);
