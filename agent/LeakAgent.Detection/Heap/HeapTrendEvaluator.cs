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
/// the evidence runs out. While the recent half of the window still rises faster than the threshold it never
/// turns off: a leak that speeds up fits a straight line worse, and that is no reason to stop suspecting it.
/// <para>Near a memory limit a normal verdict can come too late: a leak that fills a 256 MB pod in a minute never
/// gives six full GCs over five minutes. When the time to the limit at the current slope is shorter than the
/// window, an urgent verdict needs only <see cref="HeapDefaults.UrgentMinSamples"/> samples and no minimum span, with the
/// same slope, fit and both-halves rules: a start-up step still lifts only one half. When the limit is under a
/// minute away, two samples do, if the floor rose by a real share of the room between them.</para>
/// </remarks>
internal sealed class HeapTrendEvaluator
{
    private readonly HeapOptions _options;
    private readonly TrendMath _math = new();

    public HeapTrendEvaluator(HeapOptions options) => _options = options;

    /// <param name="samples">The window's samples, oldest first.</param>
    /// <param name="liveBytes">The latest floor.</param>
    /// <param name="wasSuspected">The previous verdict (hysteresis).</param>
    /// <param name="now">The time of the evaluation.</param>
    /// <param name="heapCeilingBytes">The heap size at which the app dies (GC or cgroup limit), if known.</param>
    public HeapTrendState Evaluate(IReadOnlyList<HeapFloorSample> samples, long? liveBytes, bool wasSuspected, DateTimeOffset now, long? heapCeilingBytes = null)
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

        // Samples older than the window are kept for apps that rarely run a full GC, but they say nothing about now.
        var fresh = now - samples[^1].Time <= _options.Window;
        var timeToLimit = fresh ? TimeToLimit(fit.Slope, liveBytes.Value, heapCeilingBytes) : null;
        var urgentSamples = timeToLimit < HeapDefaults.UrgentLastMinute ? 2 : HeapDefaults.UrgentMinSamples;
        var urgent = evidence != HeapEvidence.Sufficient && fresh && samples.Count >= urgentSamples
            && timeToLimit is { } ttl && ttl < _options.Window;
        var suspected = (evidence == HeapEvidence.Sufficient || urgent)
            && (wasSuspected ? StillSuspected(samples, fit) : samples.Count == 2 ? TwoSampleRise(samples, fit, heapCeilingBytes) : NewlySuspected(samples, fit));
        return new HeapTrendState(liveBytes, fit.Slope, fit.Fit, suspected, samples.Count, span, evidence, now, timeToLimit, urgent && suspected, !fresh);
    }

    /// <summary>Seconds until <paramref name="ceilingBytes"/> at <paramref name="slope"/> bytes per second; null without a rise or a limit.</summary>
    internal static TimeSpan? TimeToLimit(double slope, long liveBytes, long? ceilingBytes)
    {
        if (ceilingBytes is not { } ceiling || slope <= 0 || double.IsNaN(slope))
        {
            return null;
        }

        var seconds = Math.Max(0, ceiling - liveBytes) / slope;
        return seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
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

    /// <summary>
    /// Two full GCs, the limit under a minute away at their slope: no time to wait for a third (with a GC limit above
    /// the cgroup's, the GC sees no pressure and spaces its full GCs out). The rise must be a real share of the room,
    /// not noise: at least <see cref="HeapDefaults.UrgentTwoSampleRise"/> of the ceiling.
    /// </summary>
    private bool TwoSampleRise(IReadOnlyList<HeapFloorSample> samples, LineFit fit, long? ceiling) =>
        fit.Slope > _options.GrowthThresholdBytesPerSecond
        && ceiling is { } limit
        && samples[1].LiveBytes - samples[0].LiveBytes >= limit * HeapDefaults.UrgentTwoSampleRise;

    private bool StillSuspected(IReadOnlyList<HeapFloorSample> samples, LineFit fit)
    {
        if (fit.Slope > _options.GrowthThresholdBytesPerSecond * HeapDefaults.ClearSlopeFactor
            && fit.Fit >= _options.MinFit - HeapDefaults.ClearFitMargin)
        {
            return true;
        }

        // Accelerating: the whole window's line fits badly, but the recent half alone still climbs past the threshold.
        var half = samples.Count / 2;
        return half >= 2 && FitRange(samples, samples.Count - half, half).Slope > _options.GrowthThresholdBytesPerSecond;
    }

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
