using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Which of a graph's types are the app's own code: not the framework's (modules named <c>System.*</c>,
/// <c>Microsoft.*</c>, <c>mscorlib</c>, <c>netstandard</c>, or anything under a <c>shared/</c> framework folder), not
/// excluded (the agent), not a pseudo-type. Arrays and generic instantiations carry their definition's module
/// (CoreLib), so a <c>List&lt;App.Point&gt;</c> is not the app's: the app's object is the one that owns the list.
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
            app[t] = !graph.IsPseudoType(t) && !excluded.IsExcluded(t) && IsAppModule(graph.GetTypeModule(t), graph.GetTypeName(t));
        }
        return app;
    }

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
