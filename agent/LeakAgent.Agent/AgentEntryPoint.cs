using LeakAgent.Agent.Configuration;
using LeakAgent.Agent.Detectors.Services;
using LeakAgent.Agent.Diagnostics;
using LeakAgent.Detection.Configuration;

namespace LeakAgent.Agent;

/// <summary>
/// Called by the startup hook (by reflection, across load contexts: only strings and bools cross) to start the
/// agent inside the app's process.
/// </summary>
public static class AgentEntryPoint
{
    private static readonly object s_gate = new();
    private static AgentHost? s_host;
    private static bool s_starting;

    /// <summary>
    /// Starts the agent. Returns at once: the work that loads OpenTelemetry runs on a background thread so the
    /// app's start is not delayed, unless <paramref name="failFast"/> asks for start-up failures to reach the caller.
    /// </summary>
    /// <param name="agentDirectory">The folder the agent was loaded from.</param>
    /// <param name="failFast">True (tests only): start synchronously and let failures throw.</param>
    /// <remarks>Reads <c>LEAKAGENT_LOG</c> first, so that every later line goes where it should.</remarks>
    public static void Start(string agentDirectory, bool failFast)
    {
        lock (s_gate)
        {
            if (s_starting)
            {
                return;
            }

            s_starting = true;
        }

        SelfLog.Target = Environment.GetEnvironmentVariable(ConfigurationKeys.Log) ?? "stderr";

        // Settings are read here, before Main, so a bad value is reported even by an app that exits at once;
        // this is only environment reads and parsing. OpenTelemetry loads on the background thread below.
        var options = new AgentOptions();
        if (options.Services.Enabled)
        {
            // Before Main: the Generic Host announces itself once, while Main builds it (see HostDiscovery).
            _ = HostDiscovery.ForProcess;
        }

        if (failFast)
        {
            StartNow(options, agentDirectory);
            return;
        }

        var thread = new Thread(() => Guard.Run("agent start", () => StartNow(options, agentDirectory)))
        {
            IsBackground = true,
            Name = "LeakAgent start",
        };
        thread.Start();
    }

    private static void StartNow(AgentOptions options, string agentDirectory)
    {
        using var scope = AgentScope.Enter();
        var host = AgentHost.Start(options, TimeProvider.System, agentDirectory);
        lock (s_gate)
        {
            s_host = host;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Guard.Run("agent stop", host.Dispose);
    }

    /// <summary>The running host (tests).</summary>
    internal static AgentHost? Host
    {
        get
        {
            lock (s_gate)
            {
                return s_host;
            }
        }
    }
}
