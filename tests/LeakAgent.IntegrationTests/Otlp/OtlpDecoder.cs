using Google.Protobuf.Collections;
using LeakAgent.IntegrationTests.Otlp.Proto;

namespace LeakAgent.IntegrationTests.Otlp;

/// <summary>Turns decoded OTLP protobuf messages into flat records for assertions.</summary>
internal static class OtlpDecoder
{
    public static IEnumerable<ReceivedMetric> Metrics(ExportMetricsServiceRequest request, string transport)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = Attributes(resourceMetrics.Resource?.Attributes);
            foreach (var scope in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    var (kind, points) = metric.DataCase switch
                    {
                        Metric.DataOneofCase.Gauge => ("gauge", Points(metric.Gauge.DataPoints)),
                        Metric.DataOneofCase.Sum => (metric.Sum.IsMonotonic ? "counter" : "updowncounter", Points(metric.Sum.DataPoints)),
                        Metric.DataOneofCase.Histogram => ("histogram", metric.Histogram.DataPoints
                            .Select(p => new ReceivedPoint(Attributes(p.Attributes), p.Count, Time(p.TimeUnixNano))).ToList()),
                        _ => ("unknown", new List<ReceivedPoint>()),
                    };
                    yield return new ReceivedMetric(transport, resource, scope.Scope?.Name ?? string.Empty, metric.Name, metric.Unit, kind, points);
                }
            }
        }
    }

    public static IEnumerable<ReceivedSpan> Spans(ExportTraceServiceRequest request, string transport)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = Attributes(resourceSpans.Resource?.Attributes);
            foreach (var scope in resourceSpans.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    yield return new ReceivedSpan(transport, resource, scope.Scope?.Name ?? string.Empty, span.Name, Attributes(span.Attributes), span.Events.Select(e => e.Name).ToList());
                }
            }
        }
    }

    private static List<ReceivedPoint> Points(RepeatedField<NumberDataPoint> points)
    {
        return points.Select(p => new ReceivedPoint(
            Attributes(p.Attributes),
            p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble,
            Time(p.TimeUnixNano))).ToList();
    }

    private static DateTimeOffset Time(ulong unixNanos) => DateTimeOffset.FromUnixTimeMilliseconds((long)(unixNanos / 1_000_000));

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue>? attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attributes is null)
        {
            return result;
        }

        foreach (var attribute in attributes)
        {
            result[attribute.Key] = attribute.Value?.ValueCase switch
            {
                AnyValue.ValueOneofCase.StringValue => attribute.Value.StringValue,
                AnyValue.ValueOneofCase.IntValue => attribute.Value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AnyValue.ValueOneofCase.DoubleValue => attribute.Value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AnyValue.ValueOneofCase.BoolValue => attribute.Value.BoolValue ? "true" : "false",
                AnyValue.ValueOneofCase.ArrayValue => string.Join(",", attribute.Value.ArrayValue.Values.Select(v => v.StringValue)),
                _ => string.Empty,
            };
        }

        return result;
    }
}
