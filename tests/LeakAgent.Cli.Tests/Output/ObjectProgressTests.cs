using LeakAgent.Cli.Output;

namespace LeakAgent.Cli.Tests.Output;

public class ObjectProgressTests
{
    [Fact]
    public void Report_BurstThenComplete_WritesFirstValueThrottlesRestAndEndsLine()
    {
        using var error = new StringWriter();
        var progress = new ObjectProgress(error);
        progress.Report(10_000);
        progress.Report(20_000);
        progress.Complete();
        progress.Report(30_000);

        // The burst falls inside one throttle interval: only the first value, then the line is closed.
        Assert.Equal("\r  10,000 objects seen" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Complete_NothingReported_WritesNothing()
    {
        using var error = new StringWriter();
        new ObjectProgress(error).Complete();
        Assert.Equal(string.Empty, error.ToString());
    }
}
