using System.Diagnostics;
using System.Globalization;

namespace ContainerLeakTarget;

/// <summary>
/// Simulates a service that leaks: every "request" allocates short-lived garbage (the allocation churn of real
/// work) and keeps one <see cref="SessionRecord"/> forever. <c>--leak-rate</c> bytes per second are kept (e.g.
/// <c>3MB</c>), <c>--record-bytes</c> is the approximate size of one kept record (all three objects). Every 250 ms it
/// prints <c>leaked BYTES records COUNT elapsed SECONDS gen2 N</c>, so a test can tell how far it got before it died.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var rate = ParseBytes(Option(args, "--leak-rate") ?? "1MB");
        var recordBytes = (int)ParseBytes(Option(args, "--record-bytes") ?? "160");
        var payload = Math.Max(0, recordBytes - 120);
        var perRecord = payload + 120L;
        Console.WriteLine(Invariant($"ready pid {Environment.ProcessId} leak-rate {rate} record-bytes {perRecord}"));

        var clock = Stopwatch.StartNew();
        long records = 0;
        var nextReport = TimeSpan.Zero;
        var random = new Random(1);
        while (true)
        {
            // Catch up to the rate in small steps, so the leak is a steady ramp, not bursts.
            var due = (long)(clock.Elapsed.TotalSeconds * rate / perRecord);
            for (var i = 0; records < due && i < 2_000; i++, records++)
            {
                SessionCache.Sessions.Add(new SessionRecord(records, payload));
                Churn(random);
            }

            if (clock.Elapsed >= nextReport)
            {
                Console.WriteLine(Invariant($"leaked {records * perRecord} records {records} elapsed {clock.Elapsed.TotalSeconds:0.00} gen2 {GC.CollectionCount(2)}"));
                nextReport = clock.Elapsed + TimeSpan.FromMilliseconds(250);
            }

            if (records >= due)
            {
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>Per-request garbage: a few short-lived buffers and strings, as parsing and serializing make.</summary>
    private static void Churn(Random random)
    {
        var buffer = new byte[256 + random.Next(2048)];
        buffer[0] = 1;
        GC.KeepAlive(buffer);
        GC.KeepAlive(new string('x', 32 + random.Next(64)));
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static long ParseBytes(string text)
    {
        var units = new (string Suffix, long Factor)[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (long)(double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
