using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>Which fields can lead to a collection: reference-typed, not strings, not reflection objects.</summary>
/// <remarks>Value-typed fields are skipped: reading one boxes a copy every scan, and a struct that wraps a
/// growing collection is rare enough not to pay that for every int and DateTime.</remarks>
internal static class FieldFilter
{
    public static bool CanHoldCollection(FieldInfo field)
    {
        if (FieldPath.IsCompilerGenerated(field.Name))
        {
            return false;
        }

        var type = field.FieldType;
        return !type.IsValueType
            && !type.IsPointer
            && !type.IsByRef
            && type != typeof(string)
            && !typeof(MemberInfo).IsAssignableFrom(type)
            && !typeof(Assembly).IsAssignableFrom(type);
    }

    public static bool IsStaticRoot(FieldInfo field)
    {
        // Literals have no storage; thread statics would read only the timer thread's copy.
        return !field.IsLiteral
            && !field.IsDefined(typeof(ThreadStaticAttribute), inherit: false)
            && CanHoldCollection(field);
    }
}
