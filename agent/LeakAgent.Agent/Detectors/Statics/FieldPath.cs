using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Names what the scan measures: <c>Namespace.Type.Field[.Field...]</c>, nested types joined with <c>.</c>
/// instead of <c>+</c>, auto-property backing fields (<c>&lt;Name&gt;k__BackingField</c>) by their property name, captured
/// primary-constructor parameters (<c>&lt;name&gt;P</c>) by the parameter's name.
/// </summary>
internal static class FieldPath
{
    private const string BackingFieldSuffix = ">k__BackingField";
    private const string PrimaryConstructorSuffix = ">P";

    /// <summary>The declaring type's name as the path starts with it, e.g. <c>Shop.Validators</c>.</summary>
    /// <remarks>A closed generic (a collection registered as a service) reads as in C#:
    /// <c>System.Collections.Generic.List&lt;Shop.Order&gt;</c>, not its assembly-qualified runtime name.</remarks>
    public static string TypeName(Type type)
    {
        if (!type.IsGenericType || type.IsGenericTypeDefinition)
        {
            return (type.FullName ?? type.Name).Replace('+', '.');
        }

        var definition = TypeName(type.GetGenericTypeDefinition());
        var tick = definition.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? definition : definition[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    /// <summary>The name a field contributes to a path.</summary>
    public static string MemberName(FieldInfo field) => MemberName(field.Name);

    /// <summary>The name a field contributes to a path: backing fields become their property's name.</summary>
    public static string MemberName(string fieldName)
    {
        if (fieldName.Length > BackingFieldSuffix.Length + 1 && fieldName[0] == '<' && fieldName.EndsWith(BackingFieldSuffix, StringComparison.Ordinal))
        {
            return fieldName[1..^BackingFieldSuffix.Length];
        }

        // A captured primary-constructor parameter (C# 12) is stored as <name>P: services written with primary
        // constructors keep their dependencies (a cache, a list) there.
        return fieldName.Length > PrimaryConstructorSuffix.Length + 1 && fieldName[0] == '<' && fieldName.EndsWith(PrimaryConstructorSuffix, StringComparison.Ordinal)
            ? fieldName[1..^PrimaryConstructorSuffix.Length]
            : fieldName;
    }

    /// <summary>True for compiler-generated names other than backing fields (lambda caches, closures, fixed buffers).</summary>
    public static bool IsCompilerGenerated(string name) => name.Length > 0 && name[0] == '<' && MemberName(name) == name;

    /// <summary>Where the display form (without the namespace) starts in a path rooted at <paramref name="type"/>.</summary>
    public static int DisplayStart(Type type)
    {
        var ns = type.Namespace;
        return string.IsNullOrEmpty(ns) ? 0 : ns.Length + 1;
    }
}
