using System.Collections.Concurrent;
using LeakAgent.Agent.Telemetry;
using LeakAgent.Detection.Telemetry;

namespace LeakAgent.Agent.Detectors.UnobservedTasks;

/// <summary>
/// Keeps an attribute's cardinality bounded: the first <c>limit</c> distinct values pass, later ones become
/// <c>other</c>. First-come rather than top-N because a counter's series must not change name once exported.
/// </summary>
internal sealed class BoundedNames
{
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly int _limit;
    private readonly object _gate = new();

    public BoundedNames(int limit) => _limit = limit;

    /// <summary>The value itself while there is room, else <see cref="MetricNames.OtherValue"/>.</summary>
    public string Map(string value)
    {
        if (_known.ContainsKey(value))
        {
            return value;
        }

        lock (_gate)
        {
            if (_known.Count < _limit)
            {
                _known.TryAdd(value, 0);
                return value;
            }
        }

        return MetricNames.OtherValue;
    }
}
