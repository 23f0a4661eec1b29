using System.Reflection;

namespace LeakAgent.StartupHook;

/// <summary>Finds the agent beside the hook, loads it into its own context and calls its entry point.</summary>
internal static class AgentLauncher
{
    /// <summary>The agent's assembly, entry type and method: the one contract between hook and agent.</summary>
    internal const string AgentAssemblyName = "LeakAgent.Agent";
    internal const string EntryTypeName = "LeakAgent.Agent.AgentEntryPoint";
    internal const string EntryMethodName = "Start";

    public static void Launch(HookSettings settings)
    {
        var agentDirectory = settings.AgentDirectory ?? DefaultAgentDirectory();
        var agentPath = Path.Combine(agentDirectory, AgentAssemblyName + ".dll");
        if (!File.Exists(agentPath))
        {
            throw new FileNotFoundException($"no agent at '{agentPath}' (expected the 'agent' folder beside the hook)");
        }

        var context = new AgentLoadContext(agentDirectory);
        var assembly = context.LoadFromAssemblyPath(agentPath);
        var entryType = assembly.GetType(EntryTypeName, throwOnError: true)!;
        var start = entryType.GetMethod(EntryMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(bool)])
            ?? throw new MissingMethodException(EntryTypeName, EntryMethodName);

        // Only strings and bools cross the boundary: the two contexts share no agent types.
        try
        {
            start.Invoke(null, [agentDirectory, settings.FailFast]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private static string DefaultAgentDirectory()
    {
        var hookDirectory = Path.GetDirectoryName(typeof(AgentLauncher).Assembly.Location);
        if (string.IsNullOrEmpty(hookDirectory))
        {
            throw new InvalidOperationException("the hook's own location is unknown (was it loaded from a byte array?)");
        }

        return Path.Combine(hookDirectory, "agent");
    }
}
