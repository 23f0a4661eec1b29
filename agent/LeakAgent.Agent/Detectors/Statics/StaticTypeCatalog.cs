using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The types whose static fields the scan reads, built once per assembly as assemblies load (reflection metadata
/// only: listing types and fields runs no app code). Assemblies the filter rejects are never opened.
/// </summary>
internal sealed class StaticTypeCatalog
{
    private const BindingFlags StaticFields = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly AssemblyFilter _filter;
    private readonly Func<IEnumerable<Assembly>> _assemblies;
    private readonly Action<string, string> _reportOnce;
    private readonly HashSet<Assembly> _seen = [];
    private readonly List<StaticRootType> _types = [];

    public StaticTypeCatalog(AssemblyFilter filter, Func<IEnumerable<Assembly>> assemblies, Action<string, string> reportOnce)
    {
        _filter = filter;
        _assemblies = assemblies;
        _reportOnce = reportOnce;
    }

    /// <summary>How many static fields the catalog holds.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Adds the types of assemblies loaded since the last call; returns every cataloged type.</summary>
    public IReadOnlyList<StaticRootType> Refresh()
    {
        foreach (var assembly in _assemblies())
        {
            if (_seen.Contains(assembly) || !_filter.ShouldScan(assembly))
            {
                continue;
            }

            _seen.Add(assembly);
            foreach (var type in LoadTypes(assembly))
            {
                var entry = TryCreateEntry(type);
                if (entry is not null)
                {
                    _types.Add(entry);
                    FieldCount += entry.Roots.Count;
                }
            }
        }

        return _types;
    }

    /// <summary>The entry of <paramref name="type"/>, if the catalog holds it (tests).</summary>
    public StaticRootType? Find(Type type) => _types.Find(t => t.Type == type);

    private StaticRootType? TryCreateEntry(Type type)
    {
#pragma warning disable CA1031 // A field whose type cannot load (a missing dependency) costs that type, not the scan.
        try
        {
            return CreateEntry(type);
        }
        catch (Exception ex)
        {
            _reportOnce("statics:type:" + type.FullName, $"static scan skips type {type.FullName}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
#pragma warning restore CA1031
    }

    private static StaticRootType? CreateEntry(Type type)
    {
        // Open generic definitions have no static storage; compiler-generated types hold lambda caches.
        if (type.ContainsGenericParameters || type.IsEnum || FieldPath.IsCompilerGenerated(type.Name))
        {
            return null;
        }

        List<StaticRoot>? roots = null;
        var typeName = FieldPath.TypeName(type);
        foreach (var field in type.GetFields(StaticFields))
        {
            if (FieldFilter.IsStaticRoot(field))
            {
                (roots ??= []).Add(new StaticRoot(field, typeName + "." + FieldPath.MemberName(field)));
            }
        }

        return roots is null ? null : new StaticRootType(type, roots);
    }

    private IEnumerable<Type> LoadTypes(Assembly assembly) => LoadableTypes.Of(
        assembly,
        ex => _reportOnce("statics:types:" + assembly.FullName, $"static scan skips assembly {assembly.GetName().Name}: {ex.GetType().Name}: {ex.Message}"));
}
