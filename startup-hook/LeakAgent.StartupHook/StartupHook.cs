using LeakAgent.StartupHook;

/// <summary>
/// The entry point the runtime calls before the app's <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this
/// assembly. The runtime requires exactly this shape: a type named <c>StartupHook</c> in the global namespace with a
/// <c>public static void Initialize()</c>.
/// </summary>
/// <remarks>
/// Reads <c>LEAKAGENT_ENABLED</c>, <c>LEAKAGENT_FAIL_FAST</c> and <c>LEAKAGENT_LOG</c> once, here.
/// We are a guest in someone else's process: nothing below may throw into the app unless
/// <c>LEAKAGENT_FAIL_FAST=true</c> (tests only) asks for it.
/// </remarks>
internal sealed class StartupHook
{
    /// <summary>Called by the runtime on the main thread before <c>Main</c>.</summary>
    public static void Initialize()
    {
        var settings = HookSettings.FromEnvironment();
        if (!settings.Enabled)
        {
            return;
        }

#pragma warning disable CA1031 // A startup hook must never take the app down: every failure becomes one log line.
        try
        {
            AgentLauncher.Launch(settings);
        }
        catch (Exception ex) when (!settings.FailFast)
        {
            HookLog.Write(settings.LogTarget, $"the agent did not start and the app runs on without it: {ex.GetType().Name}: {ex.Message}");
        }
#pragma warning restore CA1031
    }
}
