using System.Reflection;
using System.Runtime.Loader;

namespace LeakAgent.StartupHook;

/// <summary>
/// The agent's private load context. It shares exactly the Microsoft.NETCore.App framework assemblies with the
/// app — when the framework's copy is at least the version the agent ships — and keeps everything else
/// (OpenTelemetry, Microsoft.Extensions.*, TraceEvent, ...) private.
/// </summary>
/// <remarks>
/// Why not "whatever the app already loaded": every OpenTelemetry assembly carries AssemblyVersion 1.0.0.0, so a
/// version check cannot tell OpenTelemetry 1.9 from 1.20 and binding to the app's copy fails at run time.
/// Sharing System.Diagnostics.DiagnosticSource when the framework is new enough is what lets the agent see the
/// runtime's <c>System.Runtime</c> meter and the app's meters.
/// </remarks>
internal sealed class AgentLoadContext : AssemblyLoadContext
{
    // Public key tokens the .NET runtime signs the Microsoft.NETCore.App assemblies with. A self-contained app
    // keeps framework and package assemblies in one folder, so the folder alone cannot tell them apart.
    private static readonly string[] s_frameworkTokens = ["b03f5f7f11d50a3a", "cc7b13ffcd2ddd51", "7cec85d7bea7798e"];

    private readonly string _agentDirectory;
    private readonly string _frameworkDirectory;

    public AgentLoadContext(string agentDirectory)
        : base("LeakAgent", isCollectible: false)
    {
        _agentDirectory = agentDirectory;
        _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var privatePath = Path.Combine(_agentDirectory, assemblyName.Name + ".dll");
        if (!File.Exists(privatePath))
        {
            // Not ours to provide: the framework (or nothing) answers from the default context.
            return null;
        }

        return FrameworkCopyIsAtLeast(assemblyName.Name!, privatePath) ? null : LoadFromAssemblyPath(privatePath);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var candidate = Path.Combine(_agentDirectory, unmanagedDllName);
        return File.Exists(candidate) ? LoadUnmanagedDllFromPath(candidate) : IntPtr.Zero;
    }

    private bool FrameworkCopyIsAtLeast(string name, string privatePath)
    {
        var frameworkPath = Path.Combine(_frameworkDirectory, name + ".dll");
        if (_frameworkDirectory.Length == 0 || !File.Exists(frameworkPath))
        {
            return false;
        }

        var frameworkName = AssemblyName.GetAssemblyName(frameworkPath);
        if (!IsFrameworkToken(frameworkName.GetPublicKeyToken()))
        {
            return false;
        }

        var privateName = AssemblyName.GetAssemblyName(privatePath);
        return frameworkName.Version is not null && privateName.Version is not null && frameworkName.Version >= privateName.Version;
    }

    private static bool IsFrameworkToken(byte[]? token)
    {
        if (token is null || token.Length == 0)
        {
            return false;
        }

        var hex = Convert.ToHexString(token).ToLowerInvariant();
        return Array.IndexOf(s_frameworkTokens, hex) >= 0;
    }
}
