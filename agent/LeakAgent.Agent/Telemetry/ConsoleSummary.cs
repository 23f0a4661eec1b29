using LeakAgent.Agent.Detectors;
using LeakAgent.Agent.Diagnostics;

namespace LeakAgent.Agent.Telemetry;

/// <summary>
/// The human summary: one line on stderr every interval naming what grows, e.g.
/// <c>[leakagent] heap 182 MB live, +3.1 MB/min (fit 0.97) · Validators.Name.SupportedExtensions +1,200/min</c>.
/// On when no OTLP endpoint is configured (<c>LEAKAGENT_CONSOLE=auto</c>), or when asked for.
/// </summary>
internal sealed class ConsoleSummary : IDisposable
{
    private readonly IReadOnlyList<ILeakDetector> _detectors;
    private readonly Action<string> _write;
    private readonly ITimer _timer;

    public ConsoleSummary(IReadOnlyList<ILeakDetector> detectors, TimeProvider time, TimeSpan interval, Action<string>? write = null)
    {
        _detectors = detectors;
        _write = write ?? (line => Console.Error.WriteLine(line));
        _timer = time.CreateTimer(_ => Guard.Run("console summary", WriteNow), null, interval, interval);
    }

    /// <summary>Builds the current line (tests call this directly).</summary>
    public string BuildLine()
    {
        var clauses = new List<string>();
        foreach (var detector in _detectors)
        {
            Guard.Run("describe " + detector.Name, () => detector.Describe(clauses));
        }

        return "[leakagent] " + string.Join(" · ", clauses);
    }

    public void WriteNow() => _write(BuildLine());

    public void Dispose() => _timer.Dispose();
}
