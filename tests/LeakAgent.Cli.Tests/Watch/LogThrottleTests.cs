using LeakAgent.Cli.Tests.TestSupport;
using LeakAgent.Cli.Watch.Alerts;

namespace LeakAgent.Cli.Tests.Watch;

public class LogThrottleTests
{
    [Fact]
    public void LinesBeyondTheLimit_AreCounted_AndTheNextIntervalsFirstLineSaysHowMany()
    {
        var clock = new ManualClock();
        var throttle = new LogThrottle(clock, linesPerInterval: 3, TimeSpan.FromMinutes(1));

        var allowed = Enumerable.Range(0, 10_000).Count(i => throttle.TryAcquire(out var ignored));
        Assert.Equal(3, allowed);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(throttle.TryAcquire(out var suppressed));
        Assert.Equal(9_997, suppressed);
        Assert.True(throttle.TryAcquire(out suppressed));
        Assert.Equal(0, suppressed);
    }
}
