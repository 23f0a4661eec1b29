namespace LeakAgent.Dashboards.Tests.Naming;

/// <summary>Reads the instrument or data point kind names used in the metric lists and by an OTLP receiver.</summary>
public static class MetricKinds
{
    /// <summary>
    /// Parses a kind: .NET instrument type names (<c>Counter`1</c>, <c>ObservableUpDownCounter</c>, ...), OTLP
    /// data kinds (<c>monotonic_sum</c>, <c>sum</c>, <c>gauge</c>, <c>histogram</c>, <c>exponential_histogram</c>)
    /// or the list files' lower-case names. Case is ignored.
    /// </summary>
    public static MetricKind Parse(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var k = kind.Trim().ToUpperInvariant();
        var tick = k.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            k = k[..tick];
        }

        if (k.StartsWith("OBSERVABLE", StringComparison.Ordinal))
        {
            k = k["OBSERVABLE".Length..];
        }

        return k.Replace("_", string.Empty, StringComparison.Ordinal) switch
        {
            "COUNTER" or "MONOTONICSUM" or "SUMMONOTONIC" => MetricKind.Counter,
            "UPDOWNCOUNTER" or "SUM" or "NONMONOTONICSUM" => MetricKind.UpDownCounter,
            "GAUGE" => MetricKind.Gauge,
            "HISTOGRAM" => MetricKind.Histogram,
            "EXPONENTIALHISTOGRAM" => MetricKind.ExponentialHistogram,
            _ => throw new FormatException($"Unknown metric kind '{kind}'."),
        };
    }
}
