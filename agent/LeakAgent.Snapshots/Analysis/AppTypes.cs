using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Which of a graph's types are the app's own code: not the framework's (modules named <c>System.*</c>,
/// <c>Microsoft.*</c>, <c>mscorlib</c>, <c>netstandard</c>, or anything under a <c>shared/</c> framework folder), not
/// excluded (the agent), not a pseudo-type, not an array, not a type in a framework namespace: an array or a
/// <c>List&lt;App.Point&gt;</c> is not the app's object; the one that owns it is.
/// </summary>
internal static class AppTypes
{
    private static readonly string[] s_frameworkPrefixes = ["System.", "Microsoft.", "mscorlib", "netstandard", "WindowsBase"];

    /// <summary>One flag per type index.</summary>
    public static bool[] Compute(HeapGraph graph, ExcludedTypes excluded)
    {
        var app = new bool[graph.TypeCount];
        for (int t = 0; t < graph.TypeCount; t++)
        {
            string name = graph.GetTypeName(t);
            app[t] = !graph.IsPseudoType(t) && !excluded.IsExcluded(t) && !IsContainerOfAppTypes(name) && IsAppModule(graph.GetTypeModule(t), name);
        }
        return app;
    }

    // The runtime gives an array of an app type the element's module (Storefront.PricePoint[] is "in" Storefront.dll),
    // and a framework generic over an app type may carry it too: neither is an object the app wrote.
    // Compiler-generated types (a state machine, a closure: Program+<<Main>$>d__0) and the runtime's boxes are
    // not what the app would fix either: the object they hold is.
    private static bool IsContainerOfAppTypes(string name) =>
        name.EndsWith(']') || IsFrameworkName(name) || name.Contains("[]", StringComparison.Ordinal)
        || name.Contains("+<", StringComparison.Ordinal) || name.StartsWith("AsyncStateMachineBox", StringComparison.Ordinal);

    private static bool IsAppModule(string? module, string typeName)
    {
        if (string.IsNullOrEmpty(module))
        {
            // No module recorded: judge by the namespace.
            return !IsFrameworkName(typeName) && typeName.Contains('.', StringComparison.Ordinal) && !typeName.StartsWith('[');
        }

        string normalized = module.Replace('\\', '/');
        if (normalized.Contains("/shared/Microsoft.", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !IsFrameworkName(Path.GetFileName(normalized));
    }

    private static bool IsFrameworkName(string name)
    {
        foreach (string prefix in s_frameworkPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
