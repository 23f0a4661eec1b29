namespace LeakAgent.Agent;

/// <summary>Placeholder entry point.</summary>
public static class AgentEntryPoint
{
}
