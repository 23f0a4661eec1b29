using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Diagnostics;
using Xunit;

namespace LeakAgent.Agent.Tests.Configuration;

[Collection(SelfLogCollection.Name)]
public sealed class AgentOptionsTests : IDisposable
{
    private readonly List<string> _lines = [];

    public AgentOptionsTests() => SelfLog.Sink = line => _lines.Add(line);

    public void Dispose() => SelfLog.Sink = null;

    [Fact]
    public void Defaults_WhenNothingIsSet()
    {
        var options = new AgentOptions(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromSeconds(5), options.Heap.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Heap.Window);
        Assert.Equal(1024d * 1024 / 60, options.Heap.GrowthThresholdBytesPerSecond, 6);
        Assert.True(options.Dump.Enabled);
        Assert.Equal(5, options.Dump.MaxCount);
        Assert.True(options.ConsoleSummaryEnabled);
        Assert.False(options.Telemetry.ExportConfigured);
        Assert.Empty(_lines);
    }

    [Fact]
    public void ValuesWithUnits_AreRead()
    {
        var options = new AgentOptions(new Dictionary<string, string?>
        {
            ["LEAKAGENT_HEAP_WINDOW"] = "90s",
            ["LEAKAGENT_HEAP_GROWTH_THRESHOLD"] = "5MB/min",
            ["LEAKAGENT_DUMP_MAX_TOTAL_SIZE"] = "64MB",
            ["LEAKAGENT_STATICS"] = "off",
            ["LEAKAGENT_STATICS_INCLUDE"] = "Shop.*, Billing",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
        });

        Assert.Equal(TimeSpan.FromSeconds(90), options.Heap.Window);
        Assert.Equal(5d * 1024 * 1024 / 60, options.Heap.GrowthThresholdBytesPerSecond, 6);
        Assert.Equal(64L * 1024 * 1024, options.Dump.MaxTotalSizeBytes);
        Assert.False(options.Statics.Enabled);
        Assert.Equal(["Shop.*", "Billing"], options.Statics.Include);
        Assert.True(options.Telemetry.ExportConfigured);
        Assert.False(options.ConsoleSummaryEnabled);
        Assert.Empty(_lines);
    }

    [Fact]
    public void BadValue_GetsOneLineNamingVariableValueAndDefault_AndTheDefault()
    {
        var options = new AgentOptions(new Dictionary<string, string?>
        {
            ["LEAKAGENT_HEAP_MIN_FIT"] = "1.7",
            ["LEAKAGENT_DUMP_COOLDOWN"] = "soon",
        });

        Assert.Equal(0.8, options.Heap.MinFit);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Dump.Cooldown);
        Assert.Equal(2, _lines.Count);
        Assert.Equal("[leakagent] LEAKAGENT_HEAP_MIN_FIT='1.7' is not a number from 0 to 1; using the default 0.8", _lines[0]);
        Assert.Equal("[leakagent] LEAKAGENT_DUMP_COOLDOWN='soon' is not a duration such as 500ms, 90s, 10m or 2h; using the default 30m", _lines[1]);
    }

    [Fact]
    public void DumpBufferSize_BadValue_SaysTheDefaultIsSizedFromTheHeap()
    {
        var options = new AgentOptions(new Dictionary<string, string?> { ["LEAKAGENT_DUMP_BUFFER_SIZE"] = "huge" });

        Assert.Null(options.Dump.BufferSizeMB);
        Assert.Equal("[leakagent] LEAKAGENT_DUMP_BUFFER_SIZE='huge' is not a size such as 512KB, 64MB or 2GB; using the default automatic (sized from the heap's object count)", Assert.Single(_lines));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("1MB", 1)]
    [InlineData("256MB", 256)]
    [InlineData("100KB", 1)]
    public void DumpBufferSize_IsReadInMegabytes_OrLeftToTheHeap(string? text, int? expected)
    {
        var options = new AgentOptions(new Dictionary<string, string?> { ["LEAKAGENT_DUMP_BUFFER_SIZE"] = text });

        Assert.Equal(expected, options.Dump.BufferSizeMB);
        Assert.Empty(_lines);
    }

    [Fact]
    public void SdkDisabled_MeansNoExport_AndTheSummaryInstead()
    {
        var options = new AgentOptions(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_SDK_DISABLED"] = "true",
        });

        Assert.False(options.Telemetry.ExportConfigured);
        Assert.True(options.ConsoleSummaryEnabled);
    }
}
