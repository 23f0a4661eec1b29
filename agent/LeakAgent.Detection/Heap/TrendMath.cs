namespace LeakAgent.Detection.Heap;

/// <summary>
/// Robust line fitting for the heap floor: the Theil–Sen slope (median of all pairwise slopes) and a fit figure.
/// </summary>
/// <remarks>
/// Theil–Sen tolerates up to ~29% outliers (a full GC that happened to catch a burst of live request buffers)
/// without bending the line, where least squares follows every spike. The fit is the coefficient of
/// determination of that robust line, <c>1 - SS_res / SS_tot</c>, clamped to 0..1: "how much of the floor's
/// movement a steady rise explains". It is scale-free and reads the same on every heap size; on a ramp of total
/// rise R with bounded noise of range A it is about R² / (R² + A²), so it grows towards 1 as a leak outgrows the
/// noise, and stays near 0 for a flat sawtooth whatever its amplitude. An instance reuses one buffer for the
/// pairwise slopes: not thread-safe, callers serialize.
/// </remarks>
internal sealed class TrendMath
{
    private double[] _slopes = new double[64];

    /// <summary>Fits a line to (x, y). Needs at least two distinct x; returns slope 0, fit 0 otherwise.</summary>
    public LineFit Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y differ in length", nameof(y));
        }

        var slope = TheilSenSlope(x, y);
        if (double.IsNaN(slope))
        {
            return new LineFit(0, y.Length > 0 ? y[0] : 0, 0);
        }

        var intercept = MedianIntercept(x, y, slope);
        return new LineFit(slope, intercept, Determination(x, y, slope, intercept));
    }

    /// <summary>The median of the slopes between every pair of points with distinct x, or NaN when there is none.</summary>
    public double TheilSenSlope(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var pairs = n * (n - 1) / 2;
        if (_slopes.Length < pairs)
        {
            _slopes = new double[Math.Max(pairs, _slopes.Length * 2)];
        }

        var count = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dx = x[j] - x[i];
                if (dx != 0)
                {
                    _slopes[count++] = (y[j] - y[i]) / dx;
                }
            }
        }

        return count == 0 ? double.NaN : Median(_slopes.AsSpan(0, count));
    }

    /// <summary>Sorts <paramref name="values"/> in place and returns their median.</summary>
    internal static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private double MedianIntercept(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope)
    {
        var residuals = _slopes.AsSpan(0, x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            residuals[i] = y[i] - (slope * x[i]);
        }

        return Median(residuals);
    }

    private static double Determination(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope, double intercept)
    {
        double mean = 0;
        foreach (var value in y)
        {
            mean += value;
        }

        mean /= y.Length;
        double total = 0;
        double residual = 0;
        for (var i = 0; i < y.Length; i++)
        {
            total += (y[i] - mean) * (y[i] - mean);
            var error = y[i] - (intercept + (slope * x[i]));
            residual += error * error;
        }

        // A perfectly flat series has nothing to explain: no steady rise explains it, so fit 0.
        return total <= 0 ? 0 : Math.Clamp(1 - (residual / total), 0, 1);
    }
}
