using Xunit;
using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Heap;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Heap;

namespace LeakAgent.Agent.Tests.Detectors.Heap;

/// <summary>Synthetic post-full-GC series on a fake clock, default settings (5 s poll, 10 min window, 1 MB/min).</summary>
public sealed class HeapTrendDetectorTests : IDisposable
{
    private const double MB = 1024 * 1024;
    private readonly ManualClock _clock = new();
    private readonly AgentTelemetry _telemetry = new();
    private readonly DateTimeOffset _start;
    private readonly List<HeapTrendState> _raised = [];

    public HeapTrendDetectorTests() => _start = _clock.GetUtcNow();

    [Fact]
    public void HeapTrend_SteadyLeak_IsSuspectedOnceWithItsSlope()
    {
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (200 * MB) + (5 * MB * t.TotalMinutes));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromMinutes(30));
        _clock.Advance(TimeSpan.FromMinutes(20));

        Assert.NotNull(suspectedAfter);
        Assert.InRange(suspectedAfter.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        var state = detector.State;
        Assert.True(state.Suspected);
        Assert.Equal(5 * MB / 60, state.SlopeBytesPerSecond, 3);
        Assert.True(state.Fit > 0.99);
        Assert.Equal(61, state.SampleCount);
        Assert.Single(_raised);
        Assert.True(_raised[0].Suspected);
        Assert.Contains("+5 MB/min (fit 1.00) LEAK SUSPECTED", Describe(detector), StringComparison.Ordinal);
    }

    [Fact]
    public void HeapTrend_BigSawtoothWithoutLeak_IsNeverSuspected()
    {
        // The floor catches the sawtooth at a different phase at each full GC: up to 80 MB of noise, no trend.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(7), t => (300 * MB) + (80 * MB * Phase(t, TimeSpan.FromSeconds(53))));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromHours(2));

        Assert.Null(suspectedAfter);
        Assert.Equal(HeapEvidence.Sufficient, detector.State.Evidence);
        Assert.Empty(_raised);
    }

    [Fact]
    public void HeapTrend_LeakUnderSawtooth_IsSuspected()
    {
        // 4 MB/min under a 12 MB sawtooth: over the 10 min window the rise (40 MB) outgrows the noise.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(7), t => (300 * MB) + (4 * MB * t.TotalMinutes) + (12 * MB * Phase(t, TimeSpan.FromSeconds(53))));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromMinutes(30));

        Assert.NotNull(suspectedAfter);
        Assert.InRange(detector.State.SlopeBytesPerSecond, 3.5 * MB / 60, 4.5 * MB / 60);
    }

    [Fact]
    public void HeapTrend_OneTimeStep_IsNotSuspected()
    {
        // A cache warms up by 100 MB within a minute, 20 minutes in, then stays.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (200 * MB) + (100 * MB * Math.Clamp(t.TotalMinutes - 20, 0, 1)));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromMinutes(60));

        Assert.Null(suspectedAfter);
        Assert.Empty(_raised);
        Assert.Equal(300 * MB, detector.State.LiveBytes!.Value, 0);
    }

    [Fact]
    public void HeapTrend_IdleAppWithoutFullGcs_IsNeverSuspected_AndTheSummarySaysWhy()
    {
        using var detector = Start(gcEvery: null, _ => 100 * MB);

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromHours(1));

        Assert.Null(suspectedAfter);
        Assert.Equal(HeapEvidence.NoFullGc, detector.State.Evidence);
        Assert.Equal("heap: no full GC yet, no verdict (the agent never forces one)", Describe(detector));
    }

    [Fact]
    public void HeapTrend_FewFullGcsInTheWindow_SaysSoInTheSummary()
    {
        using var detector = Start(gcEvery: TimeSpan.FromMinutes(4), t => (100 * MB) + (10 * MB * t.TotalMinutes));

        _clock.Advance(TimeSpan.FromMinutes(13));

        Assert.False(detector.State.Suspected);
        Assert.Equal(HeapEvidence.TooFewSamples, detector.State.Evidence);
        Assert.Contains("3 full GCs in the last 40m (need 6): no verdict yet", Describe(detector), StringComparison.Ordinal);
    }

    [Fact]
    public void HeapTrend_RareFullGcs_LeakIsStillSuspected_FromOlderSamplesWithinTheLookBack()
    {
        // One full GC every 3 minutes: only 3-4 inside a 10 min window; the newest 6 (within 40 min) are used.
        using var detector = Start(gcEvery: TimeSpan.FromMinutes(3), t => (100 * MB) + (10 * MB * t.TotalMinutes));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromMinutes(40));

        Assert.NotNull(suspectedAfter);
        Assert.Equal(6, detector.State.SampleCount);
        Assert.True(detector.State.WindowSpan > TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void HeapTrend_LeakThatStops_IsClearedAndRaisesAgainOnTheNextOnset()
    {
        // Leak for 15 min, flat for 30 min, leak again.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t =>
        {
            var minutes = t.TotalMinutes;
            var leaking = Math.Min(minutes, 15) + Math.Max(0, minutes - 45);
            return (200 * MB) + (5 * MB * leaking);
        });

        Assert.NotNull(RunUntilSuspected(detector, TimeSpan.FromMinutes(15)));
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.False(detector.State.Suspected);
        Assert.Single(_raised);

        // A new onset needs both halves of the window to rise: it shows after about half a window.
        _clock.Advance(TimeSpan.FromMinutes(20));

        Assert.True(detector.State.Suspected);
        Assert.Equal(2, _raised.Count);
    }

    [Fact]
    public void HeapTrend_SlopeNearTheThreshold_DoesNotFlap()
    {
        // Around 1.2 MB/min with a little noise: once on, it stays on (it clears only under 0.5 MB/min).
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (200 * MB) + (1.2 * MB * t.TotalMinutes) + (0.3 * MB * Phase(t, TimeSpan.FromSeconds(47))));

        Assert.NotNull(RunUntilSuspected(detector, TimeSpan.FromMinutes(30)));
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.True(detector.State.Suspected);
        Assert.Single(_raised);
    }

    public void Dispose() => _telemetry.Dispose();

    private static double Phase(TimeSpan t, TimeSpan period) => t.TotalSeconds % period.TotalSeconds / period.TotalSeconds;

    private static string Describe(HeapTrendDetector detector)
    {
        var clauses = new List<string>();
        detector.Describe(clauses);
        return Assert.Single(clauses);
    }

    [Fact]
    public void HeapTrend_LeakFillingA256MBPodInAMinute_IsSuspectedUrgentlyOnTwoFullGcs()
    {
        // 3 MB/s against the default GC limit of a 256 MB pod (192 MB): a normal verdict needs 5 minutes, the pod
        // dies in under one; at the second full GC the limit is 50 s away.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(5), t => (10 * MB) + (3 * MB * t.TotalSeconds), ceiling: () => (long)(192 * MB));

        var suspectedAfter = RunUntilSuspected(detector, TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(10), suspectedAfter);
        var state = detector.State;
        Assert.True(state.Urgent);
        Assert.Equal(2, state.SampleCount);
        Assert.NotEqual(HeapEvidence.Sufficient, state.Evidence);
        Assert.Equal((192 - 40) / 3.0, state.TimeToLimit!.Value.TotalSeconds, 1);
        Assert.Equal(HeapEvidenceNames.Urgent, HeapEvidenceNames.Of(state));
        Assert.Contains("LEAK SUSPECTED early", Describe(detector), StringComparison.Ordinal);
    }

    [Fact]
    public void HeapTrend_LeakMinutesFromTheLimit_IsSuspectedUrgentlyOnThreeFullGcs()
    {
        // 0.5 MB/s: at the second full GC the limit is ~5 minutes away, inside the window but not within the last minute.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(5), t => (10 * MB) + (0.5 * MB * t.TotalSeconds), ceiling: () => (long)(192 * MB));

        Assert.Equal(TimeSpan.FromSeconds(15), RunUntilSuspected(detector, TimeSpan.FromMinutes(1)));
        Assert.True(detector.State.Urgent);
        Assert.Equal(3, detector.State.SampleCount);
    }

    [Fact]
    public void HeapTrend_TwoNoisyFullGcsNearTheLimit_AreNotUrgent()
    {
        // The second floor is 4 MB above the first (2% of the ceiling): noise, however short the time to the limit.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(5), t => t < TimeSpan.FromSeconds(8) ? 170 * MB : 174 * MB, ceiling: () => (long)(192 * MB));

        Assert.Null(RunUntilSuspected(detector, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void HeapTrend_SameLeakWithoutAKnownLimit_WaitsForTheNormalVerdict()
    {
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(5), t => (10 * MB) + (3 * MB * t.TotalSeconds));

        Assert.Null(RunUntilSuspected(detector, TimeSpan.FromMinutes(2)));
        Assert.Null(detector.State.TimeToLimit);
        Assert.False(detector.State.IsCurrent);
    }

    [Fact]
    public void HeapTrend_SlowLeakFarFromTheLimit_IsNotUrgent()
    {
        // 2 MB/min with 1.5 GB to go: 12 hours away, far beyond the window.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (200 * MB) + (2 * MB * t.TotalMinutes), ceiling: () => (long)(1700 * MB));

        Assert.Null(RunUntilSuspected(detector, TimeSpan.FromMinutes(4)));
        Assert.InRange(detector.State.TimeToLimit!.Value.TotalHours, 11, 13);
        Assert.False(detector.State.Urgent);
    }

    [Fact]
    public void HeapTrend_StartUpStepNearTheLimit_IsNotAnUrgentLeak()
    {
        // A cache warmed at start-up lifts the floor from 20 to 150 MB of a 192 MB limit, then stays.
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(5), t => t < TimeSpan.FromSeconds(12) ? 20 * MB : 150 * MB, ceiling: () => (long)(192 * MB));

        Assert.Null(RunUntilSuspected(detector, TimeSpan.FromMinutes(15)));
        Assert.Empty(_raised);
    }

    [Fact]
    public void HeapTrend_LeakThatSpeedsUp_StaysSuspected_ThoughItsLineFitsWorse()
    {
        // 3 MB/min for 8 minutes, then the leak doubles its pace every minute (a queue backing up).
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (200 * MB) + (3 * MB * t.TotalMinutes)
            + (t > TimeSpan.FromMinutes(8) ? 3 * MB * (Math.Pow(2, (t - TimeSpan.FromMinutes(8)).TotalMinutes) - 1) * 6 : 0));

        Assert.NotNull(RunUntilSuspected(detector, TimeSpan.FromMinutes(8)));
        var lowestFit = 1.0;
        for (var i = 0; i < 12 * 6; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            Assert.True(detector.State.Suspected, $"suspicion cleared at {_clock.GetUtcNow() - _start}: {Describe(detector)}");
            lowestFit = Math.Min(lowestFit, detector.State.Fit);
        }

        Assert.True(lowestFit < 0.6, $"the acceleration must bend the fit under the clearing level, lowest {lowestFit:0.00}");
    }

    [Fact]
    public void HeapTrend_NoFullGcForLongerThanTheWindow_IsStale_NotCurrent()
    {
        // Start-up GCs, then none for 15 minutes (Server GC under a steady load).
        using var detector = Start(gcEvery: TimeSpan.FromSeconds(10), t => (100 * MB) + (3 * MB * t.TotalMinutes), ceiling: () => (long)(4000 * MB), lastGcAt: TimeSpan.FromSeconds(40));

        _clock.Advance(TimeSpan.FromMinutes(15));
        detector.Poll();

        Assert.True(detector.State.Stale);
        Assert.False(detector.State.IsCurrent);
        Assert.Null(detector.State.TimeToLimit);
        Assert.Equal(HeapEvidenceNames.Stale, HeapEvidenceNames.Of(detector.State));
    }

    private HeapTrendDetector Start(TimeSpan? gcEvery, Func<TimeSpan, double> floorAt, Func<long?>? ceiling = null, TimeSpan? lastGcAt = null)
    {
        var sampler = new HeapFloorSampler(() =>
        {
            if (gcEvery is not { } every)
            {
                return (0, 0);
            }

            var elapsed = _clock.GetUtcNow() - _start;
            var index = (long)((lastGcAt is { } last && elapsed > last ? last : elapsed) / every);
            return (index, (long)floorAt(every * index));
        });
        var options = new HeapOptions(new SettingsReader(new Dictionary<string, string?>(), _ => { }));
        var detector = new HeapTrendDetector(options, _telemetry, _clock, sampler, ceiling);
        detector.LeakSuspected += (_, state) => _raised.Add(state);
        detector.Start();
        return detector;
    }

    /// <summary>Advances the clock poll by poll; returns the elapsed time when suspicion first turns on.</summary>
    private TimeSpan? RunUntilSuspected(HeapTrendDetector detector, TimeSpan limit)
    {
        var begin = _clock.GetUtcNow();
        while (_clock.GetUtcNow() - begin < limit)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            if (detector.State.Suspected)
            {
                return _clock.GetUtcNow() - _start;
            }
        }

        return null;
    }
}
