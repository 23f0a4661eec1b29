using System.Diagnostics.Metrics;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Agent.Tests.Detectors.Statics.Fixtures;
using LeakAgent.Agent.Tests.Infrastructure;
using Xunit;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class StaticsDetectorTests
{
    private const string UploadsPath = TestScanner.Prefix + "GrowingStatics.Uploads";

    [Fact]
    public void TimerScans_GrowingList_IsTopWithRateSummaryAndMetrics()
    {
        var time = new ManualTimeProvider();
        var options = new StaticsOptions(new SettingsReader(new Dictionary<string, string?> { ["LEAKAGENT_STATICS_INTERVAL"] = "30s" }, _ => { }));
        using var telemetry = new AgentTelemetry();
        var log = new List<string>();
        using var detector = new StaticsDetector(options, telemetry, time, TestScanner.Create(log), log.Add);
        _ = GrowingStatics.Steady;

        detector.Start();
        for (var scan = 0; scan < 5; scan++)
        {
            // 600 uploads between scans 30 s apart: 20 elements/s, 1,200/min.
            GrowingStatics.Uploads.AddRange(Enumerable.Repeat(".pdf", 600));
            time.Advance(TimeSpan.FromSeconds(30));
        }

        var top = detector.TopGrowing.Single(f => f.Path == UploadsPath);
        Assert.Equal(20.0, top.ElementsPerSecond, 6);
        Assert.Equal(3000, top.Count);
        Assert.DoesNotContain(detector.TopGrowing, f => f.Path.EndsWith("GrowingStatics.Steady", StringComparison.Ordinal));

        var clauses = new List<string>();
        detector.Describe(clauses);
        Assert.Contains("GrowingStatics.Uploads +1,200/min (3,000)", clauses);
        Assert.Contains(log, l => l.Contains("self-test passed", StringComparison.Ordinal));

        var (sizes, rates) = Collect(telemetry);
        Assert.Equal(3000, sizes[UploadsPath]);
        Assert.Equal(20.0, rates[UploadsPath], 6);
        Assert.True(sizes.Count <= StaticsDefaults.TopFields);
    }

    [Fact]
    public void FormatClause_SlowGrowth_ShowsFraction()
    {
        var clause = StaticsDetector.FormatClause(new StaticFieldGrowth("Shop.A.B", "A.B", 12, 0.02, 5));

        Assert.Equal("A.B +1.2/min (12)", clause);
    }

    private static (Dictionary<string, long> Sizes, Dictionary<string, double> Rates) Collect(AgentTelemetry telemetry)
    {
        var sizes = new Dictionary<string, long>();
        var rates = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == telemetry.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == MetricNames.StaticsSize)
            {
                sizes[(string)tags[0].Value!] = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == MetricNames.StaticsGrowthRate)
            {
                rates[(string)tags[0].Value!] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (sizes, rates);
    }
}
