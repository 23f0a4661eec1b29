using System.Reflection;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>
/// Reads <c>IHost.Services</c> from a host object by reflection: the agent cannot reference
/// Microsoft.Extensions.Hosting (the app's copy comes from its framework or its folder, not ours).
/// </summary>
internal static class HostServices
{
    private const string HostInterface = "Microsoft.Extensions.Hosting.IHost";

    /// <summary>The host's root <see cref="IServiceProvider"/>, or null when <paramref name="host"/> is not an IHost.</summary>
    public static object? Of(object host)
    {
        foreach (var candidate in host.GetType().GetInterfaces())
        {
            if (candidate.FullName == HostInterface && candidate.GetProperty("Services", BindingFlags.Instance | BindingFlags.Public) is { } services)
            {
                // An auto-property on the host (Host.Services); no factory, no resolution.
                return services.GetValue(host) as IServiceProvider;
            }
        }

        return null;
    }
}
