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
    private readonly Action<string>? _write;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;

    public ConsoleSummary(IReadOnlyList<ILeakDetector> detectors, TimeProvider time, TimeSpan interval, Action<string>? write = null)
    {
        _detectors = detectors;
        _write = write;
        _time = time;
        _timer = time.CreateTimer(_ => Guard.Run("console summary", WriteNow), null, interval, interval);
    }

    /// <summary>Builds the current line (tests call this directly).</summary>
    public string BuildLine() => "[leakagent] " + Clauses();

    /// <summary>Writes the line: to the given writer, else to stderr in the self-log's format (with the time).</summary>
    public void WriteNow()
    {
        if (_write is null)
        {
            Console.Error.WriteLine(SelfLog.FormatForStderr(_time.GetUtcNow(), Clauses()));
        }
        else
        {
            _write(BuildLine());
        }
    }

    public void Dispose() => _timer.Dispose();

    private string Clauses()
    {
        var clauses = new List<string>();
        foreach (var detector in _detectors)
        {
            Guard.Run("describe " + detector.Name, () => detector.Describe(clauses));
        }

        return string.Join(" · ", clauses);
    }
}
