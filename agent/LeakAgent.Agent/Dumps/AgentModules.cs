using System.Reflection;
using System.Runtime.Loader;

namespace LeakAgent.Agent.Dumps;

/// <summary>
/// The module files whose types are the agent's own, so the leak report can tell them from the app's: a snapshot of
/// our own process holds OpenTelemetry's SDK and buffers and our detectors too.
/// </summary>
internal static class AgentModules
{
    /// <summary>
    /// Loaded by the startup hook, everything in the agent's private load context is ours (the hook shares only the
    /// framework with the app). Loaded into the default context (tests; an app referencing the agent), only our own
    /// three assemblies are — there the context's other assemblies are the app's.
    /// </summary>
    public static IReadOnlyList<string> Paths()
    {
        var agent = typeof(AgentModules).Assembly;
        var context = AssemblyLoadContext.GetLoadContext(agent);
        IEnumerable<Assembly> ours = context is null || context == AssemblyLoadContext.Default
            ? [agent, typeof(Snapshots.Graph.HeapGraph).Assembly, typeof(Detection.Dumps.DumpRequest).Assembly]
            : context.Assemblies;
        return ours.Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location)).Select(a => a.Location).ToList();
    }

    /// <summary>
    /// The agent's assemblies it never lists the types of: the object-storage code and the vendor SDKs. Listing
    /// LeakAgent.Storage's types lays out its async state machines, whose awaiters name the SDKs' types, and so loads
    /// AWSSDK.* and Azure.* into a process that configured no upload.
    /// </summary>
    public static bool NeverReflected(Assembly assembly) =>
        assembly.GetName().Name is { } name
        && (name == "LeakAgent.Storage" || name.StartsWith("AWSSDK.", StringComparison.Ordinal) || name.StartsWith("Azure.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Identity", StringComparison.Ordinal));
}
