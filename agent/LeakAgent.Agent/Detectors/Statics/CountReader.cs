using System.Collections;
using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Reads an element count through the well-known collection interfaces only (<see cref="ICollection"/>,
/// <see cref="ICollection{T}"/>, <see cref="IReadOnlyCollection{T}"/>), array length, or delegate invocation
/// count; and the public <c>Count</c> of <c>Microsoft.Extensions.Caching.Memory.MemoryCache</c> (a framework type,
/// see <see cref="MemoryCacheCount"/>). Never any other member of an app object.
/// </summary>
internal sealed class CountReader
{
    private static readonly MethodInfo s_genericCollectionCount = typeof(CountReader).GetMethod(nameof(GenericCollectionCount), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_readOnlyCollectionCount = typeof(CountReader).GetMethod(nameof(ReadOnlyCollectionCount), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, int>? _count;

    private readonly Func<object, long?>? _size;

    private CountReader(CountKind kind, Func<object, int>? count, Func<object, long?>? size = null)
    {
        Kind = kind;
        _count = count;
        _size = size;
    }

    public static CountReader None { get; } = new(CountKind.None, null);

    public CountKind Kind { get; }

    /// <summary>Classifies <paramref name="type"/> (a runtime type of an object found by the scan).</summary>
    public static CountReader For(Type type)
    {
        if (type.IsArray)
        {
            return new(CountKind.Array, static o => ((Array)o).Length);
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return new(CountKind.Delegate, static o => ((Delegate)o).GetInvocationList().Length);
        }

        if (MemoryCacheCount.TryCreate(type) is { } cacheCount)
        {
            return new(CountKind.Collection, cacheCount, MemoryCacheCount.TrySize(type));
        }

        if (!type.IsCollectible && LockFreeCount.TryCreate(type) is { } lockFree)
        {
            return new(CountKind.Collection, lockFree);
        }

        var kind = type.Namespace == "System.Collections.Concurrent" ? CountKind.RareCollection : CountKind.Collection;
        if (typeof(ICollection).IsAssignableFrom(type))
        {
            return new(kind, static o => ((ICollection)o).Count);
        }

        // A generic instantiation over a collectible type would root that type's context from our cache: such
        // types get only the non-generic readers above.
        if (type.IsCollectible)
        {
            return None;
        }

        foreach (var candidate in type.GetInterfaces())
        {
            if (!candidate.IsGenericType)
            {
                continue;
            }

            var definition = candidate.GetGenericTypeDefinition();
            var helper = definition == typeof(ICollection<>) ? s_genericCollectionCount
                : definition == typeof(IReadOnlyCollection<>) ? s_readOnlyCollectionCount
                : null;
            if (helper is not null)
            {
                var count = helper.MakeGenericMethod(candidate.GetGenericArguments()).CreateDelegate<Func<object, int>>();
                return new(kind, count);
            }
        }

        return None;
    }

    public int Read(object value) => _count!(value);

    /// <summary>Whether <see cref="ReadSize"/> can say anything (memory caches only).</summary>
    public bool HasSize => _size is not null;

    /// <summary>A memory cache's estimated size where its statistics are on, else null.</summary>
    public long? ReadSize(object value) => _size?.Invoke(value);

    private static int GenericCollectionCount<T>(object value) => ((ICollection<T>)value).Count;

    private static int ReadOnlyCollectionCount<T>(object value) => ((IReadOnlyCollection<T>)value).Count;
}
