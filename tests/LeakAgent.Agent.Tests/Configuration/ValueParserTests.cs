using Xunit;
using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Agent.Tests.Configuration;

public sealed class ValueParserTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1.5h", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("2d", 172800)]
    [InlineData("45", 45)]
    [InlineData(" 3 min ", 180)]
    [InlineData("29m51s", 1791)]
    [InlineData("1h 30m", 5400)]
    [InlineData("1d2h", 93600)]
    public void DurationParser_AcceptsUnits(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten minutes")]
    [InlineData("10 parsecs")]
    [InlineData("-5s")]
    [InlineData("1e400s")]
    [InlineData("99999999999999999999d")]
    [InlineData("1h30")]
    [InlineData("5m-3s")]
    public void DurationParser_RejectsGarbage(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(1791.003, "29m51s")]
    [InlineData(1799.6, "30m")]
    [InlineData(61.4, "61s")]
    [InlineData(150, "2m30s")]
    [InlineData(3600 + 5, "1h5s")]
    [InlineData(90000, "25h")]
    public void DurationParser_Format_RoundsToWholeSecondsFromAMinuteUp(double seconds, string expected)
    {
        var text = DurationParser.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.True(DurationParser.TryParse(text, out var back));
        Assert.Equal(Math.Round(seconds), back.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("64MB", 64L * 1024 * 1024)]
    [InlineData("512KB", 512L * 1024)]
    [InlineData("2GB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1Gi", 1L * 1024 * 1024 * 1024)]
    [InlineData("1.5MiB", 1572864)]
    [InlineData("100", 100)]
    public void SizeParser_AcceptsUnits(string text, long bytes)
    {
        Assert.True(SizeParser.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("5 furlongs")]
    [InlineData("MB")]
    public void SizeParser_RejectsGarbage(string text) => Assert.False(SizeParser.TryParse(text, out _));

    [Theory]
    [InlineData("5MB/min", 5d * 1024 * 1024 / 60)]
    [InlineData("100KB/s", 100d * 1024)]
    [InlineData("1GB/h", 1024d * 1024 * 1024 / 3600)]
    [InlineData("10MB/10m", 10d * 1024 * 1024 / 600)]
    public void RateParser_ReturnsBytesPerSecond(string text, double expected)
    {
        Assert.True(RateParser.TryParse(text, out var value));
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("5MB")]
    [InlineData("5MB/")]
    [InlineData("/min")]
    [InlineData("5MB/0s")]
    [InlineData("fast/min")]
    public void RateParser_RejectsGarbage(string text) => Assert.False(RateParser.TryParse(text, out _));

    [Fact]
    public void Formatters_WriteWhatPeopleWouldType()
    {
        Assert.Equal("90s", DurationParser.Format(TimeSpan.FromSeconds(90)));
        Assert.Equal("10m", DurationParser.Format(TimeSpan.FromMinutes(10)));
        Assert.Equal("2h", DurationParser.Format(TimeSpan.FromHours(2)));
        Assert.Equal("1.5s", DurationParser.Format(TimeSpan.FromSeconds(1.5)));
        Assert.Equal("200ms", DurationParser.Format(TimeSpan.FromMilliseconds(200)));
        Assert.Equal("1.5 MB", SizeParser.Format(1.5 * 1024 * 1024));
        Assert.Equal("3.1 MB/min", RateParser.Format(3.1 * 1024 * 1024 / 60));
    }
}
