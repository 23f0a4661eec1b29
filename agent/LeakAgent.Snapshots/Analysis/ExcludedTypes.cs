using System.Buffers;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// The types of a graph that belong to a set of modules and are left out of an app's report. An in-process dump
/// holds the agent's own objects (OpenTelemetry's SDK and buffers, the detectors), which are not the app's leak; the
/// agent passes the files of its private load context. A type counts as theirs when its module is one of them, or
/// when it is an array, a generic instantiation or an async state-machine box over such a type (those carry the
/// module of their definition, e.g. <c>System.Private.CoreLib</c>): recognised by a type argument whose name, or
/// whose namespace, appears only in those modules. A name the app's modules share (an app that uses OpenTelemetry
/// itself) stays the app's.
/// </summary>
public sealed class ExcludedTypes
{
    private static readonly char[] s_nameBreaks = ['<', '>', ',', ' ', '[', ']'];
    private static readonly SearchValues<char> s_nameBreakValues = SearchValues.Create(s_nameBreaks);
    private readonly bool[] _excluded;
    private readonly HashSet<string> _theirNames;
    private readonly HashSet<string> _theirNamespaces;

    private ExcludedTypes(bool[] excluded, HashSet<string> theirNames, HashSet<string> theirNamespaces, int objects, long bytes)
    {
        _excluded = excluded;
        _theirNames = theirNames;
        _theirNamespaces = theirNamespaces;
        ObjectCount = objects;
        Bytes = bytes;
        TypeCount = excluded.Count(e => e);
    }

    /// <summary>Nothing excluded.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>An empty exclusion for <paramref name="graph"/>.</returns>
    public static ExcludedTypes None(HeapGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new ExcludedTypes(new bool[graph.TypeCount], [], [], 0, 0);
    }

    /// <summary>
    /// The types of a LeakAgent agent loaded into the dumped process, found from the dump alone: every module in the
    /// folder that holds <c>LeakAgent.Agent.dll</c> (the agent's private load context loads only from there), and the
    /// startup hook. Nothing when the process ran without the agent.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The exclusion (empty when no agent module is in the dump).</returns>
    public static ExcludedTypes OfLeakAgent(HeapGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (graph.GetTypeModule(t) is { } module)
            {
                modules.Add(module);
            }
        }

        var agentFolders = modules
            .Where(m => FileNameOf(m).Equals(AgentAssemblyFile, StringComparison.OrdinalIgnoreCase))
            .Select(FolderOf)
            .ToHashSet(StringComparer.Ordinal);
        var agentModules = modules.Where(m => agentFolders.Contains(FolderOf(m)) || FileNameOf(m).Equals(HookAssemblyFile, StringComparison.OrdinalIgnoreCase));
        return agentFolders.Count == 0 ? None(graph) : OfModules(graph, agentModules);
    }

    /// <summary>The types of <paramref name="graph"/> that belong to the given module files.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="modulePaths">Full paths of the modules (as the runtime reported them when they loaded).</param>
    /// <returns>The exclusion, with the objects and bytes it covers.</returns>
    public static ExcludedTypes OfModules(HeapGraph graph, IEnumerable<string> modulePaths)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(modulePaths);
        var modules = new HashSet<string>(modulePaths, OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var excluded = new bool[graph.TypeCount];
        var theirNames = new HashSet<string>(StringComparer.Ordinal);
        var otherNames = new HashSet<string>(StringComparer.Ordinal);
        var theirNamespaces = new HashSet<string>(StringComparer.Ordinal);
        var otherNamespaces = new HashSet<string>(StringComparer.Ordinal);

        // A framework-looking namespace decides only when it comes from a library the app has no copy of at all
        // (e.g. Microsoft.Diagnostics.NETCore.Client in the agent's folder): then its async boxes are the agent's.
        var theirFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var otherFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var privateNamespaces = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (graph.GetTypeModule(t) is { } file)
            {
                (modules.Contains(file) ? theirFiles : otherFiles).Add(FileNameOf(file));
            }
        }

        theirFiles.ExceptWith(otherFiles);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (graph.IsPseudoType(t))
            {
                continue;
            }

            var name = graph.GetTypeName(t);
            var module = graph.GetTypeModule(t);
            var theirs = module is not null && modules.Contains(module);
            excluded[t] = theirs;
            (theirs ? theirNames : otherNames).Add(name);
            if (name.AsSpan().IndexOfAny(s_nameBreakValues) < 0)
            {
                (theirs ? theirNamespaces : otherNamespaces).Add(Namespace(name));
                if (theirs && theirFiles.Contains(FileNameOf(module!)))
                {
                    privateNamespaces.Add(Namespace(name));
                }
            }
        }

        theirNames.ExceptWith(otherNames);
        theirNamespaces.ExceptWith(otherNamespaces);
        theirNamespaces.RemoveWhere(ns => ns.Length == 0 || (IsFrameworkNamespace(ns) && !privateNamespaces.Contains(ns)));
        var result = new ExcludedTypes(excluded, theirNames, theirNamespaces, 0, 0);
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (!excluded[t] && !graph.IsPseudoType(t) && graph.GetTypeName(t).AsSpan().IndexOfAny(s_nameBreakValues) >= 0)
            {
                excluded[t] = result.NamesTheirs(graph.GetTypeName(t));
            }
        }

        int objects = 0;
        long bytes = 0;
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node) && excluded[graph.GetTypeIndex(node)])
            {
                objects++;
                bytes += graph.GetSize(node);
            }
        }

        return new ExcludedTypes(excluded, theirNames, theirNamespaces, objects, bytes);
    }

    private const string AgentAssemblyFile = "LeakAgent.Agent.dll";
    private const string HookAssemblyFile = "LeakAgent.StartupHook.dll";

    // Dumps name modules with the separator of the OS that wrote them, whatever OS reads them.
    private static string FileNameOf(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static string FolderOf(string path) => path[..Math.Max(0, path.LastIndexOfAny(['/', '\\']))];

    /// <summary>How many objects of the graph are of excluded types.</summary>
    public int ObjectCount { get; }

    /// <summary>The bytes of those objects (their own sizes, not what they retain).</summary>
    public long Bytes { get; }

    /// <summary>How many types are excluded.</summary>
    public int TypeCount { get; }

    /// <summary>Whether the type with this index is excluded.</summary>
    /// <param name="typeIndex">A type index of the graph this exclusion was made for.</param>
    /// <returns>True when the type belongs to the excluded modules.</returns>
    public bool IsExcluded(int typeIndex) => _excluded[typeIndex];

    /// <summary>
    /// Whether a static-field root (<c>[static var Namespace.Type.Field]</c>) is declared by one of their types. The
    /// declaring type is often a static class with no instance in the heap, so its namespace decides too.
    /// </summary>
    /// <param name="rootName">The root's name.</param>
    /// <returns>True when the field's declaring type is theirs.</returns>
    public bool IsTheirStaticField(string rootName)
    {
        ArgumentNullException.ThrowIfNull(rootName);
        if (!rootName.StartsWith(HeapRootNames.StaticVarPrefix, StringComparison.Ordinal) || !rootName.EndsWith(']'))
        {
            return false;
        }

        var field = rootName[HeapRootNames.StaticVarPrefix.Length..^1];
        var dot = field.LastIndexOf('.');
        return dot > 0 && IsTheirDeclaringType(field[..dot]);
    }

    /// <summary>Whether a composite name (<c>List&lt;A.B&gt;</c>, <c>A.B[]</c>, <c>Box&lt;…,A.B+&lt;Run&gt;d__3&gt;</c>) has a part that is theirs.</summary>
    private bool NamesTheirs(string name)
    {
        foreach (var part in name.Split(s_nameBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            // "A.B+" declares a compiler-generated type ("A.B+<Run>d__3": an async state machine, a closure).
            if (_theirNames.Contains(part) || (part.EndsWith('+') && IsTheirDeclaringType(part[..^1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A type that declares fields or compiler-generated types may have no instance in the heap: then its namespace
    /// decides, when only their modules use it and it is not a framework one (which a polyfill could claim).
    /// </summary>
    private bool IsTheirDeclaringType(string typeName) => _theirNames.Contains(typeName) || _theirNamespaces.Contains(Namespace(typeName));

    private static bool IsFrameworkNamespace(string ns) =>
        ns is "System" or "Microsoft" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal);

    /// <summary>"A.B.C+D" → "A.B": the namespace of the outermost declaring type.</summary>
    private static string Namespace(string typeName)
    {
        var plus = typeName.IndexOf('+', StringComparison.Ordinal);
        var outer = plus < 0 ? typeName : typeName[..plus];
        var dot = outer.LastIndexOf('.');
        return dot < 0 ? string.Empty : outer[..dot];
    }
}
