using System.Collections.Concurrent;
using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Counts the concurrent collections that can be counted without taking the app's locks, so they are measured every
/// scan like any list: a <see cref="ConcurrentDictionary{TKey,TValue}"/> by summing its per-lock counters
/// (<c>_tables._countPerLock</c>, the array its own <c>Count</c> sums after taking every lock; unlocked, the sum may
/// be off by the few writes in flight, which a growth trend does not notice), and a
/// <see cref="ConcurrentQueue{T}"/> through its <c>Count</c>, which reads head and tail and takes at most one
/// short lock when the queue spans segments. Other concurrent collections (bag, stack) stay rare.
/// </summary>
/// <remarks>The dictionary's fields are CoreLib internals (same names in .NET 5 to 10); when they are not found the
/// type is counted the old way, every Nth scan.</remarks>
internal static class LockFreeCount
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic;

    /// <summary>A lock-free reader for <paramref name="type"/>, or null when it has none.</summary>
    public static Func<object, int>? TryCreate(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(ConcurrentQueue<>))
        {
            return static o => ((System.Collections.ICollection)o).Count;
        }

        if (definition != typeof(ConcurrentDictionary<,>))
        {
            return null;
        }

        var tables = type.GetField("_tables", Instance);
        var counts = tables?.FieldType.GetField("_countPerLock", Instance);
        if (tables is null || counts is null || counts.FieldType != typeof(int[]))
        {
            return null;
        }

        return o => tables.GetValue(o) is { } t && counts.GetValue(t) is int[] perLock ? Sum(perLock) : 0;
    }

    private static int Sum(int[] perLock)
    {
        long sum = 0;
        foreach (var count in perLock)
        {
            sum += count;
        }

        return sum > int.MaxValue ? int.MaxValue : (int)sum;
    }
}
