using System.Reflection;
using LeakAgent.Agent.Detectors.Statics;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// Finds the declaring type of a static field the heap walk reported only by name and field type, by reflecting
/// over the loaded assemblies: in our own dumps <c>[static var Validators.Name]</c> instead of the runtime's
/// <c>[static var NameValidator.&lt;Name&gt;k__BackingField]</c>.
/// </summary>
/// <remarks>
/// Metadata only: reading <see cref="FieldInfo"/>s runs no static constructor and touches no value. A field name
/// declared by one type only is taken as is; when several types declare it, the one whose field type has the
/// reported simple name wins; still ambiguous, the runtime's name is kept (a wrong name is worse than a vague one).
/// Built once per dump (a few tens of milliseconds for a typical app), off the app's threads, after the walk.
/// </remarks>
internal sealed class StaticFieldOwners
{
    private const BindingFlags Statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private readonly Dictionary<string, List<FieldInfo>> _byName = new(StringComparer.Ordinal);

    private StaticFieldOwners()
    {
    }

    /// <summary>
    /// Indexes the static fields of the app's loaded assemblies (all load contexts), as the statics scan chooses
    /// them: not the framework's, the agent's or collectible ones. Listing an assembly's types makes the runtime keep
    /// a type object for each for the life of the process, so the framework's thousands are left alone: their static
    /// roots keep the runtime's names.
    /// </summary>
    public static StaticFieldOwners FromLoadedAssemblies()
    {
        var filter = new AssemblyFilter([], []);
        return From(AppDomain.CurrentDomain.GetAssemblies().Where(filter.ShouldScan));
    }

    /// <summary>
    /// A namer that indexes the loaded assemblies on its first call, not before. The graph builder calls it after
    /// the heap walk, so the index's thousands of reflection objects are never in the dump they help to name.
    /// </summary>
    public static StaticFieldNamer LazyNamer()
    {
        var owners = new Lazy<StaticFieldOwners>(FromLoadedAssemblies, LazyThreadSafetyMode.ExecutionAndPublication);
        return (reportedTypeName, fieldName) => owners.Value.Name(reportedTypeName, fieldName);
    }

    public static StaticFieldOwners From(IEnumerable<Assembly> assemblies)
    {
        var owners = new StaticFieldOwners();
        foreach (var assembly in assemblies)
        {
            if (!assembly.IsDynamic)
            {
                foreach (var type in LoadableTypes.Of(assembly))
                {
                    owners.AddFieldsOf(type);
                }
            }
        }

        return owners;
    }

    /// <summary>The <see cref="StaticFieldNamer"/> for the heap snapshot.</summary>
    public StaticFieldName? Name(string reportedTypeName, string fieldName)
    {
        if (!_byName.TryGetValue(fieldName, out var candidates))
        {
            return null;
        }

        var field = candidates.Count == 1 ? candidates[0] : Single(candidates, SimpleName(reportedTypeName));
        return field?.DeclaringType?.FullName is { } declaring
            ? new StaticFieldName(TypeNameFormatter.Format(declaring), FieldPath.MemberName(field))
            : null;
    }

    private static FieldInfo? Single(List<FieldInfo> candidates, string reportedSimpleName)
    {
        FieldInfo? match = null;
        foreach (var candidate in candidates)
        {
            if (SimpleName(candidate.FieldType.Name) == reportedSimpleName)
            {
                if (match is not null)
                {
                    return null;
                }

                match = candidate;
            }
        }

        return match;
    }

    /// <summary><c>System.Collections.Generic.Queue&lt;X&gt;</c> and <c>Queue`1</c> both give <c>Queue</c>.</summary>
    private static string SimpleName(string name)
    {
        var end = name.IndexOfAny(['<', '`', '[']);
        var head = end < 0 ? name : name[..end];
        var start = Math.Max(head.LastIndexOf('.'), head.LastIndexOf('+')) + 1;
        return head[start..];
    }

    private void AddFieldsOf(Type type)
    {
        if (type.ContainsGenericParameters)
        {
            return; // A generic type's statics exist per instantiation; the event does not say which.
        }

        FieldInfo[] fields;
        try
        {
            fields = type.GetFields(Statics);
        }
#pragma warning disable CA1031 // A type whose fields cannot be read only loses its better names.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        foreach (var field in fields)
        {
            if (field.IsLiteral)
            {
                continue; // Constants have no storage, so the walk never reports them.
            }

            if (!_byName.TryGetValue(field.Name, out var list))
            {
                _byName[field.Name] = list = [];
            }

            list.Add(field);
        }
    }
}
