using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Follows an object's FIELDS (never properties) down to a depth and counts the collections it meets: the walk
/// below a static field, shared with the service scan (below a DI singleton). Caches per-type count readers and
/// field lists of non-collectible types only, so no unloadable context is kept alive; keeps no app object.
/// </summary>
/// <remarks>Not thread-safe: one scan at a time.</remarks>
internal sealed class FieldWalker
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const int MaxFaultKeys = 1000;
    private const int MaxCachedChildPaths = 200_000;

    private readonly int _depth;
    private readonly Action<string> _log;
    private readonly Func<Type, bool>? _descendInto;
    private readonly Dictionary<Type, CountReader> _readers = [];
    private readonly Dictionary<Type, InstanceField[]> _fields = [];
    private readonly HashSet<string> _faultKeys = new(StringComparer.Ordinal);

    // Paths below a root are the same scan after scan: cached, so a steady scan allocates no path strings.
    private readonly Dictionary<(string Parent, string Field), string> _childPaths = [];

    /// <param name="depth">Object fields followed below a root (0: only the root's own value is measured).</param>
    /// <param name="log">Where the once-per-fault lines go.</param>
    /// <param name="descendInto">A further rule for which objects' fields are followed (collections are measured
    /// wherever they are met); null: any object but CoreLib's.</param>
    public FieldWalker(int depth, Action<string> log, Func<Type, bool>? descendInto = null)
    {
        _depth = depth;
        _log = log;
        _descendInto = descendInto;
    }

    /// <summary>Writes <paramref name="message"/> the first time <paramref name="key"/> is seen.</summary>
    public void ReportOnce(string key, string message)
    {
        if (_faultKeys.Count < MaxFaultKeys && _faultKeys.Add(key))
        {
            _log(message);
        }
    }

    /// <summary>Measures <paramref name="value"/> if it is a collection, else follows its fields.</summary>
    /// <param name="value">The root's value (a static's, a singleton).</param>
    /// <param name="path">Its path, e.g. <c>Shop.Validators.Name</c>.</param>
    /// <param name="displayStart">Where the namespace-free form of the path starts.</param>
    /// <param name="depth">Fields already followed to reach it.</param>
    /// <param name="context">The scan's visited set, budget and measurements.</param>
    public void Visit(object value, string path, int displayStart, int depth, ScanContext context)
    {
        if (!context.TryEnter(value))
        {
            return;
        }

        var type = value.GetType();
        var reader = ReaderFor(type, path);
        if (reader.Kind != CountKind.None)
        {
            Measure(value, reader, path, displayStart, context);
            return;
        }

        if (depth >= _depth || !CanDescend(type) || (_descendInto is not null && !_descendInto(type)))
        {
            return;
        }

        foreach (var field in FieldsOf(type))
        {
            if (context.BudgetExhausted)
            {
                return;
            }

            if (TryGetValue(field.Field, value, path, out var child) && child is not null)
            {
                Visit(child, ChildPath(path, field.Name), displayStart, depth + 1, context);
            }
        }
    }

    /// <summary>Reads a field, reporting (once) and returning false when it throws.</summary>
    public bool TryGetValue(FieldInfo field, object? target, string path, out object? value)
    {
#pragma warning disable CA1031 // Reading a field can fail (a type that cannot load); that field is skipped, the scan goes on.
        try
        {
            value = field.GetValue(target);
            return true;
        }
        catch (Exception ex)
        {
            ReportOnce("statics:field:" + path + "/" + field.Name, $"static scan skips {path} ({field.Name}): {ex.GetType().Name}: {ex.Message}");
            value = null;
            return false;
        }
#pragma warning restore CA1031
    }

    private void Measure(object value, CountReader reader, string path, int displayStart, ScanContext context)
    {
        if (reader.Kind == CountKind.RareCollection && !context.ReadRare)
        {
            return;
        }

        int count;
#pragma warning disable CA1031 // An app collection's Count may throw anything; that path is skipped, the scan goes on.
        try
        {
            count = reader.Read(value);
        }
        catch (Exception ex)
        {
            ReportOnce("statics:count:" + path, $"static scan skips {path}: its Count threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
#pragma warning restore CA1031

        if (count < 0)
        {
            ReportOnce("statics:count:" + path, $"static scan skips {path}: its Count returned {count}");
            return;
        }

        long? size = null;
        if (reader.HasSize)
        {
#pragma warning disable CA1031 // The cache's statistics are a nicety: a failure leaves the size out, the count stays.
            try
            {
                size = reader.ReadSize(value);
            }
            catch (Exception ex)
            {
                ReportOnce("statics:size:" + path, $"scan skips the size of {path}: {ex.GetType().Name}: {ex.Message}");
            }
#pragma warning restore CA1031
        }

        context.Measurements.Add(new StaticFieldMeasurement(path, displayStart, count, reader.Kind, size));
    }

    private string ChildPath(string parent, string field)
    {
        if (_childPaths.TryGetValue((parent, field), out var cached))
        {
            return cached;
        }

        var path = parent + "." + field;
        if (_childPaths.Count < MaxCachedChildPaths)
        {
            _childPaths[(parent, field)] = path;
        }

        return path;
    }

    private CountReader ReaderFor(Type type, string path)
    {
        if (_readers.TryGetValue(type, out var cached))
        {
            return cached;
        }

        CountReader reader;
#pragma warning disable CA1031 // Classifying a strange type (a missing interface dependency) must not stop the scan.
        try
        {
            reader = CountReader.For(type);
        }
        catch (Exception ex)
        {
            ReportOnce("statics:classify:" + type.FullName, $"static scan cannot classify {type.FullName} at {path}: {ex.GetType().Name}: {ex.Message}");
            reader = CountReader.None;
        }
#pragma warning restore CA1031

        // Never cache a collectible type: the dictionary would keep its load context from unloading.
        if (!type.IsCollectible)
        {
            _readers[type] = reader;
        }

        return reader;
    }

    private InstanceField[] FieldsOf(Type type)
    {
        if (_fields.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var fields = new List<InstanceField>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(InstanceFields | BindingFlags.DeclaredOnly))
            {
                if (FieldFilter.CanHoldCollection(field))
                {
                    fields.Add(new InstanceField(field, FieldPath.MemberName(field)));
                }
            }
        }

        var result = fields.ToArray();
        _fields[type] = result;
        return result;
    }

    private static bool CanDescend(Type type)
    {
        // Collectible types are neither cached nor followed. CoreLib's own objects (tasks, threads, type
        // objects, ...) are implementation detail, except Lazy<T> which commonly wraps a cached singleton; its
        // field is read directly, never its Value (which could run the factory).
        if (type.IsCollectible || type.IsValueType)
        {
            return false;
        }

        return type.Assembly != typeof(object).Assembly
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Lazy<>));
    }
}
