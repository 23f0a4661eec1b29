namespace LeakAgent.Agent.Diagnostics;

/// <summary>
/// Wraps every callback the runtime makes into the agent (timer ticks, event handlers, gauge callbacks): a
/// catch-all that turns a failure into one self-log line per failing site, so the app never sees our exception.
/// </summary>
internal static class Guard
{
    /// <summary>Runs <paramref name="action"/>; logs the first failure of <paramref name="site"/> and swallows all.</summary>
    /// <returns>True when the action completed.</returns>
    public static bool Run(string site, Action action)
    {
#pragma warning disable CA1031 // A guest in someone else's process: our failures must never reach the app.
        try
        {
            using var scope = AgentScope.Enter();
            action();
            return true;
        }
        catch (Exception ex)
        {
            SelfLog.WriteOnce("guard:" + site, $"{site} failed and is skipped from now on where it repeats: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
#pragma warning restore CA1031
    }

    /// <summary>Evaluates <paramref name="func"/>; on failure logs once and returns <paramref name="fallback"/>.</summary>
    public static T Get<T>(string site, Func<T> func, T fallback)
    {
#pragma warning disable CA1031 // See Run.
        try
        {
            using var scope = AgentScope.Enter();
            return func();
        }
        catch (Exception ex)
        {
            SelfLog.WriteOnce("guard:" + site, $"{site} failed: {ex.GetType().Name}: {ex.Message}");
            return fallback;
        }
#pragma warning restore CA1031
    }
}
