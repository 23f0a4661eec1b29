using System.Diagnostics;

namespace LeakAgent.Cli.Output;

/// <summary>
/// "N objects seen" on one rewritten stderr line while a snapshot streams in, at most a few times a second
/// (the collector reports from its event thread, thousands of times a second on a big heap).
/// </summary>
internal sealed class ObjectProgress : IProgress<long>
{
    private static readonly long s_interval = Stopwatch.Frequency / 4;
    private readonly TextWriter _error;
    private readonly Lock _lock = new();
    private long _lastWrite;
    private bool _written;
    private bool _completed;

    /// <summary>Creates a progress line on <paramref name="error"/>.</summary>
    public ObjectProgress(TextWriter error) => _error = error;

    /// <inheritdoc/>
    public void Report(long value)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_completed || (_written && now - _lastWrite < s_interval))
            {
                return;
            }

            _lastWrite = now;
            _written = true;
            _error.Write($"\r  {Numbers.Count(value)} objects seen");
            _error.Flush();
        }
    }

    /// <summary>Ends the progress line so later output starts on a fresh one.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (_written)
            {
                _error.WriteLine();
                _written = false;
            }

            // Late reports from the event thread must not scribble over what follows.
            _completed = true;
        }
    }
}
