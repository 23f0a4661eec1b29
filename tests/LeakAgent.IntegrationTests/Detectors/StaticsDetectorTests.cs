using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Detectors;

/// <summary>Seed 2 end to end: the SeedCachedValidator sample leaks into a static list; the hooked agent exports it.</summary>
public sealed class StaticsDetectorTests
{
    private const string Field = "SeedCachedValidator.Validators.Name.SupportedExtensions";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task SeedCachedValidator_Driven_ExportsRisingSizeAndPositiveGrowthRate()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("SeedCachedValidator"), ["--urls", "http://127.0.0.1:0", "--drive", "100"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["LEAKAGENT_STATICS_INTERVAL"] = "300ms",
        });

        var sizes = await WaitForAsync(() => PointsFor(receiver, "leakagent.statics.size"), points => points.Select(p => p.Value).Distinct().Count() >= 3);
        var rates = await WaitForAsync(() => PointsFor(receiver, "leakagent.statics.growth_rate"), points => points.Count > 0);
        app.Kill();

        Assert.True(sizes.Select(p => p.Value).Distinct().Count() >= 3, $"leakagent.statics.size for {Field} did not rise over 3 exports; got [{string.Join(", ", sizes.Select(p => p.Value))}]; stderr:\n{app.StandardError}");
        for (var i = 1; i < sizes.Count; i++)
        {
            Assert.True(sizes[i].Value >= sizes[i - 1].Value, $"size fell from {sizes[i - 1].Value} to {sizes[i].Value}");
        }

        Assert.True(sizes[^1].Value > sizes[0].Value);
        Assert.NotEmpty(rates);

        // 100 requests/s, one element each: the rate lands near 100/s (loose bounds: a shared CI machine).
        Assert.InRange(rates[^1].Value, 10, 400);
        var size = receiver.Metrics.First(m => m.Name == "leakagent.statics.size");
        Assert.Equal("{element}", size.Unit);
        Assert.Equal("LeakAgent", size.Scope);
        Assert.Equal("{element}/s", receiver.Metrics.First(m => m.Name == "leakagent.statics.growth_rate").Unit);
    }

    private static List<ReceivedPoint> PointsFor(OtlpTestReceiver receiver, string metric)
    {
        return receiver.PointsOf(metric)
            .Where(x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == Field)
            .Select(x => x.Point)
            .OrderBy(p => p.Time)
            .ToList();
    }

    private static async Task<List<ReceivedPoint>> WaitForAsync(Func<List<ReceivedPoint>> read, Func<List<ReceivedPoint>, bool> done)
    {
        var deadline = DateTime.UtcNow + s_wait;
        var points = read();
        while (!done(points) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            points = read();
        }

        return points;
    }
}
