namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// Async methods that are always pending in a healthy server and say nothing about a leak: Kestrel's accept,
/// connection and receive/send loops, the Generic Host waiting for shutdown, the app's async entry point awaiting it,
/// pipe and socket reads, and the
/// diagnostics IPC client the agent uses (the agent's own types are excluded separately, see
/// <see cref="ExcludedTypes"/>). Left out of pending suspects unless asked for (<c>suspects --all-pending</c>).
/// </summary>
public static class PendingInfrastructure
{
    // By declaring type's namespace (method names are Namespace.Type.Method).
    private static readonly string[] s_prefixes =
    [
        "Microsoft.AspNetCore.Server.Kestrel.",
        "Microsoft.AspNetCore.Server.IIS.",
        "Microsoft.AspNetCore.Hosting.",
        "Microsoft.AspNetCore.Builder.WebApplication.",
        "Microsoft.Extensions.Hosting.",
        "System.IO.Pipelines.",
        "System.Net.Sockets.",
        "Microsoft.Diagnostics.NETCore.Client.",
    ];

    /// <summary>True for a method of the framework's serving and hosting infrastructure, or of the diagnostics IPC client.</summary>
    /// <param name="method">A pending method as <see cref="PendingAsyncGroup.Method"/> names it.</param>
    /// <returns>Whether the method is left out by default.</returns>
    public static bool IsInfrastructure(string method)
    {
        ArgumentNullException.ThrowIfNull(method);

        // An async entry point (Program.Main, or top-level statements' Program.<Main>$) awaits the host for as long
        // as the app runs.
        if (method.EndsWith(".Main", StringComparison.Ordinal) || method.EndsWith(".<Main>$", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (string prefix in s_prefixes)
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
