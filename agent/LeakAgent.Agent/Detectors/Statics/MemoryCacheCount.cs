using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The entry count of <c>Microsoft.Extensions.Caching.Memory.MemoryCache</c>, read through its public <c>Count</c>.
/// The agent cannot reference the type (it comes from the app's framework or folder, not ours), so it is found by
/// name and read by reflection. Its count sums the cache's two <c>ConcurrentDictionary</c> counts (each takes that
/// dictionary's locks briefly): unlike an app's many concurrent collections this is one read per cache per scan,
/// and a cache is the collection most worth watching, so it is read every scan.
/// </summary>
internal static class MemoryCacheCount
{
    /// <summary>The full name of the one cache type counted.</summary>
    public const string TypeName = "Microsoft.Extensions.Caching.Memory.MemoryCache";

    /// <summary>A count reader for <paramref name="type"/> if it is (or derives from) MemoryCache, else null.</summary>
    public static Func<object, int>? TryCreate(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (current.FullName == TypeName)
            {
                var count = current.GetProperty("Count", BindingFlags.Instance | BindingFlags.Public);
                return count?.PropertyType == typeof(int) && count.GetMethod is { } getter
                    ? o => (int)getter.Invoke(o, null)!
                    : null;
            }
        }

        return null;
    }

    /// <summary>
    /// A reader of the cache's estimated size, for a MemoryCache type: <c>GetCurrentStatistics()?.CurrentEstimatedSize</c>,
    /// which is non-null only where the app turned statistics on (<c>TrackStatistics</c>) and set a <c>SizeLimit</c>.
    /// The size is in the app's own units (whatever its entries' <c>Size</c> say), not bytes. Null for other types.
    /// </summary>
    public static Func<object, long?>? TrySize(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (current.FullName == TypeName)
            {
                var statistics = current.GetMethod("GetCurrentStatistics", BindingFlags.Instance | BindingFlags.Public, Type.EmptyTypes);
                var size = statistics?.ReturnType.GetProperty("CurrentEstimatedSize", BindingFlags.Instance | BindingFlags.Public);
                return statistics is null || size is null || size.PropertyType != typeof(long?)
                    ? null
                    : o => statistics.Invoke(o, null) is { } stats ? (long?)size.GetValue(stats) : null;
            }
        }

        return null;
    }
}
