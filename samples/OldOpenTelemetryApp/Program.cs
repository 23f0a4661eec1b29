using System.Diagnostics.Metrics;
using OldOpenTelemetryApp;
using OpenTelemetry;
using OpenTelemetry.Metrics;

// Counts "requests" on its own meter and exports them with OpenTelemetry 1.9.0 through its own exporter, for the
// number of seconds given as the first argument (default 3).
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
using var meter = new Meter("OldOpenTelemetryApp");
var requests = meter.CreateCounter<long>("app.requests");
using (var provider = Sdk.CreateMeterProviderBuilder()
    .AddMeter("OldOpenTelemetryApp")
    .AddReader(new PeriodicExportingMetricReader(new StdoutMetricExporter(), exportIntervalMilliseconds: 500))
    .Build())
{
    var stopAt = DateTime.UtcNow.AddSeconds(seconds);
    var buffers = new List<byte[]>();
    while (DateTime.UtcNow < stopAt)
    {
        requests.Add(1);
        buffers.Add(new byte[128 * 1024]);
        if (buffers.Count > 100)
        {
            buffers.Clear();
        }

        Thread.Sleep(10);
    }
}

Console.WriteLine($"OpenTelemetry {typeof(Sdk).Assembly.GetName().Version} ({System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Sdk).Assembly)?.InformationalVersion}) done");
