using LeakAgent.Detection.Configuration;

namespace LeakAgent.Detection.Heap;

/// <summary>
/// Turns the selected floor samples into a <see cref="HeapTrendState"/>: slope, fit, evidence and the suspicion,
/// with hysteresis. Pure apart from a reused buffer: not thread-safe, the detector serializes.
/// </summary>
/// <remarks>
/// Suspicion turns on when the window holds at least <see cref="HeapOptions.MinSamples"/> full GCs covering at least
/// <see cref="HeapOptions.MinSpan"/>, the slope exceeds the threshold, the fit exceeds the minimum, and each half of
/// the samples rises at least half the threshold on its own: a one-time step (a cache warming up) lifts only one
/// half and is never a leak. It turns off only when the slope falls under half the threshold or the fit falls
/// <see cref="HeapDefaults.ClearFitMargin"/> under the minimum, so a leak near the threshold does not flap, or when
/// the evidence runs out.
/// </remarks>
internal sealed class HeapTrendEvaluator
{
    private readonly HeapOptions _options;
    private readonly TrendMath _math = new();

    public HeapTrendEvaluator(HeapOptions options) => _options = options;

    public HeapTrendState Evaluate(IReadOnlyList<HeapFloorSample> samples, long? liveBytes, bool wasSuspected, DateTimeOffset now)
    {
        if (liveBytes is null || samples.Count == 0)
        {
            return HeapTrendState.Initial(now) with { LiveBytes = liveBytes };
        }

        var span = samples[^1].Time - samples[0].Time;
        var fit = samples.Count >= 2 ? FitRange(samples, 0, samples.Count) : new LineFit(0, liveBytes.Value, 0);
        var evidence = samples.Count < _options.MinSamples
            ? HeapEvidence.TooFewSamples
            : span < _options.MinSpan ? HeapEvidence.SpanTooShort : HeapEvidence.Sufficient;
        var suspected = evidence == HeapEvidence.Sufficient && (wasSuspected ? StillSuspected(fit) : NewlySuspected(samples, fit));
        return new HeapTrendState(liveBytes, fit.Slope, fit.Fit, suspected, samples.Count, span, evidence, now);
    }

    private bool NewlySuspected(IReadOnlyList<HeapFloorSample> samples, LineFit fit)
    {
        if (fit.Slope <= _options.GrowthThresholdBytesPerSecond || fit.Fit <= _options.MinFit)
        {
            return false;
        }

        var half = samples.Count / 2;
        var halfThreshold = _options.GrowthThresholdBytesPerSecond * HeapDefaults.ClearSlopeFactor;
        return FitRange(samples, 0, samples.Count - half).Slope > halfThreshold
            && FitRange(samples, half, samples.Count - half).Slope > halfThreshold;
    }

    private bool StillSuspected(LineFit fit) =>
        fit.Slope > _options.GrowthThresholdBytesPerSecond * HeapDefaults.ClearSlopeFactor
        && fit.Fit >= _options.MinFit - HeapDefaults.ClearFitMargin;

    private LineFit FitRange(IReadOnlyList<HeapFloorSample> samples, int start, int count)
    {
        Span<double> x = count <= 256 ? stackalloc double[count] : new double[count];
        Span<double> y = count <= 256 ? stackalloc double[count] : new double[count];
        var origin = samples[start].Time;
        for (var i = 0; i < count; i++)
        {
            x[i] = (samples[start + i].Time - origin).TotalSeconds;
            y[i] = samples[start + i].LiveBytes;
        }

        return _math.Fit(x, y);
    }
}
