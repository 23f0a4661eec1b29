// The healthy control for LeakAgent: a report service with a big allocation sawtooth (1 MB report buffers, up to
// 48 of them live, then dropped, so the runtime runs full GCs), two caches that fill up to a bound within the first
// seconds and then stay flat (a one-time step, not a trend), and async work that always completes. It never leaks:
// the agent must never suspect one.
//
// Usage: HealthyService [--duration <seconds, default 30>]
using System.Globalization;
using Contoso.Reports;

var duration = TimeSpan.FromSeconds(30);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--duration")
    {
        duration = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture));
    }
}

var templates = new BoundedCache(capacity: 2_000);
var sessions = new BoundedCache(capacity: 2_000);
var renderer = new ReportRenderer();
Console.WriteLine($"report service: healthy sawtooth for {duration.TotalSeconds:0}s");

var started = DateTime.UtcNow;
var nextReport = started.AddSeconds(1);
var request = 0;
while (DateTime.UtcNow - started < duration)
{
    for (var i = 0; i < 20; i++, request++)
    {
        var template = templates.GetOrAdd(request, 4 * 1024);
        sessions.GetOrAdd(request * 7, 4 * 1024);
        await renderer.RenderAsync(template);
    }

    if (DateTime.UtcNow >= nextReport)
    {
        Console.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0}s: {renderer.Rendered} reports, caches {templates.Count}/{sessions.Count}, {GC.CollectionCount(2)} full GCs");
        nextReport = nextReport.AddSeconds(1);
    }

    await Task.Delay(10);
}

Console.WriteLine($"done: {renderer.Rendered} reports, caches {templates.Count}/{sessions.Count}");
