using Xunit;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Detection.Heap;

namespace LeakAgent.Agent.Tests.Detectors.Heap;

public sealed class TrendMathTests
{
    [Fact]
    public void Fit_StraightLine_GivesExactSlopeAndFitOne()
    {
        double[] x = [0, 10, 20, 30, 40, 50];
        var y = x.Select(v => 1000 + (3 * v)).ToArray();

        var fit = new TrendMath().Fit(x, y);

        Assert.Equal(3, fit.Slope, 9);
        Assert.Equal(1000, fit.Intercept, 6);
        Assert.Equal(1, fit.Fit, 9);
    }

    [Fact]
    public void Fit_OneHugeOutlier_DoesNotBendTheSlope()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = x.Select(v => 2 * v).ToArray();
        y[4] = 1_000_000;

        var fit = new TrendMath().Fit(x, y);

        Assert.Equal(2, fit.Slope, 9);
        Assert.InRange(fit.Fit, 0, 0.2);
    }

    [Fact]
    public void Fit_FlatSeries_HasZeroSlopeAndZeroFit()
    {
        double[] x = [0, 1, 2, 3];
        double[] y = [5, 5, 5, 5];

        var fit = new TrendMath().Fit(x, y);

        Assert.Equal(0, fit.Slope);
        Assert.Equal(0, fit.Fit);
    }

    [Fact]
    public void Fit_NoTwoDistinctTimes_GivesZeroSlope()
    {
        var fit = new TrendMath().Fit([1, 1], [3, 9]);

        Assert.Equal(0, fit.Slope);
        Assert.Equal(0, fit.Fit);
    }
}
