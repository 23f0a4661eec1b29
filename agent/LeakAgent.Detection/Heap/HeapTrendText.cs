using System.Globalization;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;

namespace LeakAgent.Detection.Heap;

/// <summary>The heap clause of the human summary, e.g. <c>heap 182 MB live, +3.1 MB/min (fit 0.97) LEAK SUSPECTED</c>.</summary>
internal static class HeapTrendText
{
    public static string Describe(HeapTrendState state, HeapOptions options)
    {
        if (state.LiveBytes is not { } live)
        {
            return "heap: no full GC yet, no verdict (the agent never forces one)";
        }

        var head = $"heap {SizeParser.Format(live)} live";
        var limit = state.TimeToLimit is { } ttl ? $", limit in ~{DurationParser.Format(Round(ttl))}" : string.Empty;
        if (state.Urgent)
        {
            return head + ", " + Rate(state.SlopeBytesPerSecond) + $" (fit {state.Fit.ToString("0.00", CultureInfo.InvariantCulture)}, {state.SampleCount} full GCs){limit}: " + (state.Suspected ? "LEAK SUSPECTED early" : "early") + ", the memory limit is near";
        }

        return state.Evidence switch
        {
            HeapEvidence.Sufficient => head + ", " + Rate(state.SlopeBytesPerSecond)
                + $" (fit {state.Fit.ToString("0.00", CultureInfo.InvariantCulture)})" + limit + (state.Suspected ? " LEAK SUSPECTED" : string.Empty),
            HeapEvidence.SpanTooShort => head + $", full GCs cover {DurationParser.Format(Round(state.WindowSpan))} of the {DurationParser.Format(options.MinSpan)} needed: no verdict yet",
            _ => head + $", {state.SampleCount} full GC{(state.SampleCount == 1 ? string.Empty : "s")} in the last {DurationParser.Format(options.LookBack)} (need {options.MinSamples}): no verdict yet",
        };
    }

    /// <summary>A slope for people: <c>+3.1 MB/min</c>.</summary>
    public static string Rate(double bytesPerSecond)
    {
        var perMinute = bytesPerSecond * 60;
        return (perMinute >= 0 ? "+" : "-") + SizeParser.Format(Math.Abs(perMinute)) + "/min";
    }

    private static TimeSpan Round(TimeSpan value) => TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
}
