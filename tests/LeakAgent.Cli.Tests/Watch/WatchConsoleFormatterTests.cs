using LeakAgent.Cli.Watch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LeakAgent.Cli.Tests.Watch;

public sealed class WatchConsoleFormatterTests
{
    [Fact]
    public void Line_IsTimeLevelAndMessage_WithoutCategoryOrHashedEventId()
    {
        var formatter = new WatchConsoleFormatter();
        using var output = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "LeakAgent.Watch", new EventId(1749712322, "LeakSuspected"), "process 42 (shop): heap leak suspected", null, (state, _) => state);

        formatter.Write(entry, null, output);

        var line = output.ToString().TrimEnd();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warn: process 42 \(shop\): heap leak suspected$", line);
        Assert.DoesNotContain("1749712322", line, StringComparison.Ordinal);
        Assert.DoesNotContain("LeakAgent.Watch", line, StringComparison.Ordinal);
    }
}
