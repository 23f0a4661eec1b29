using System.Reflection;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>The types of an assembly that load: one that cannot load them all still gives the ones that did.</summary>
internal static class LoadableTypes
{
    /// <summary>The assembly's loadable types; none, after telling <paramref name="onUnreadable"/>, if it cannot be read at all.</summary>
    public static IEnumerable<Type> Of(Assembly assembly, Action<Exception>? onUnreadable = null)
    {
#pragma warning disable CA1031 // An assembly whose types cannot be listed costs its own types, never the caller.
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
        catch (Exception ex)
        {
            onUnreadable?.Invoke(ex);
            return [];
        }
#pragma warning restore CA1031
    }
}
