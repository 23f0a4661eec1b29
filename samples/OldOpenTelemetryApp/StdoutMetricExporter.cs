using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace OldOpenTelemetryApp;

/// <summary>The app's own exporter: prints each metric point on stdout as <c>app-export: name=value</c>.</summary>
internal sealed class StdoutMetricExporter : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                Console.WriteLine($"app-export: {metric.Name}={point.GetSumLong()}");
            }
        }

        return ExportResult.Success;
    }
}
