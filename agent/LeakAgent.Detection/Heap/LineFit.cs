namespace LeakAgent.Detection.Heap;

/// <summary>A straight line <c>y = Intercept + Slope * x</c> fitted to a series, and how well it explains it.</summary>
/// <param name="Slope">Units of y per unit of x (bytes per second for the heap floor).</param>
/// <param name="Intercept">The value of y at x = 0.</param>
/// <param name="Fit">0..1: the fraction of the series' variance the line explains (see <see cref="TrendMath"/>).</param>
internal readonly record struct LineFit(double Slope, double Intercept, double Fit);
