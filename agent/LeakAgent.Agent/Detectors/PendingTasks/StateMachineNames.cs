using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace LeakAgent.Agent.Detectors.PendingTasks;

/// <summary>
/// Turns TplEventSource operation names into method names: <c>Async: &lt;SaveMemberAsync&gt;d__1</c> becomes
/// <c>Softwerkskammer.Members.MemberStore.SaveMemberAsync</c>.
/// </summary>
/// <remarks>
/// The runtime names an async operation after its state machine's simple type name only (measured on .NET 10:
/// <c>"Async: " + stateMachine.GetType().Name</c>), and the event carries no way back to the task. The state machine
/// is a nested type of the method's declaring type, so the app's assemblies are indexed once (nested types named
/// <c>&lt;Method&gt;d__N</c>) and the index is rebuilt only when a name is missing and more assemblies have loaded
/// since. Framework assemblies are not scanned (costly, and rarely the leak); their operations keep the bare
/// method name. Two app types with the same state machine name resolve to the first found. Operations of the agent's
/// own assemblies resolve to null: ignored. Not thread-safe: the detector calls it from its timer.
/// </remarks>
internal sealed class StateMachineNames
{
    private const string AsyncPrefix = "Async: ";
    private readonly Dictionary<string, string?> _resolved = new(StringComparer.Ordinal);
    private Dictionary<string, string?> _index = new(StringComparer.Ordinal);
    private int _indexedAssemblies = -1;

    /// <summary>The method name for <paramref name="operationName"/>, or null for the agent's own operations.</summary>
    public string? Resolve(string operationName)
    {
        if (_resolved.TryGetValue(operationName, out var cached))
        {
            return cached;
        }

        if (!operationName.StartsWith(AsyncPrefix, StringComparison.Ordinal))
        {
            return _resolved[operationName] = operationName;
        }

        var typeName = operationName[AsyncPrefix.Length..];
        if (!_index.TryGetValue(typeName, out var name))
        {
            var assemblies = AppDomain.CurrentDomain.GetAssemblies();
            if (assemblies.Length != _indexedAssemblies)
            {
                _index = BuildIndex(assemblies);
                _indexedAssemblies = assemblies.Length;
            }

            if (!_index.TryGetValue(typeName, out name))
            {
                name = MethodName(typeName);
            }
        }

        return _resolved[operationName] = name;
    }

    /// <summary>The method part of a state machine name: <c>&lt;SaveMemberAsync&gt;d__1</c> → <c>SaveMemberAsync</c>.</summary>
    internal static string MethodName(string stateMachineName)
    {
        var end = stateMachineName.LastIndexOf(">d", StringComparison.Ordinal);
        return stateMachineName.StartsWith('<') && end > 1 ? stateMachineName[1..end] : stateMachineName;
    }

    private static Dictionary<string, string?> BuildIndex(Assembly[] assemblies)
    {
        var index = new Dictionary<string, string?>(StringComparer.Ordinal);
        var agentContext = AssemblyLoadContext.GetLoadContext(typeof(StateMachineNames).Assembly);
        var frameworkRoot = FrameworkRoot();
        foreach (var assembly in assemblies)
        {
            if (assembly.IsDynamic || IsFramework(assembly, frameworkRoot))
            {
                continue;
            }

            var isAgent = agentContext != AssemblyLoadContext.Default && AssemblyLoadContext.GetLoadContext(assembly) == agentContext;
            if (isAgent && Dumps.AgentModules.NeverReflected(assembly))
            {
                continue;
            }

            foreach (var type in LoadableTypes(assembly))
            {
                if (type.DeclaringType is { } declaring && type.Name.StartsWith('<') && type.Name.Contains(">d", StringComparison.Ordinal))
                {
                    index.TryAdd(type.Name, isAgent ? null : (declaring.FullName ?? declaring.Name).Replace('+', '.') + "." + MethodName(type.Name));
                }
            }
        }

        return index;
    }

    private static string FrameworkRoot()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet/shared/: every shared framework below it.
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetDirectoryName(Path.GetDirectoryName(runtime)) ?? runtime;
    }

    private static bool IsFramework(Assembly assembly, string frameworkRoot)
    {
        var location = assembly.Location;
        return location.Length > 0 && location.StartsWith(frameworkRoot, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
