using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// The real storage servers the upload tests start on loopback: Azurite (Microsoft's Azure Storage emulator) and
/// s3rver (an S3-compatible server standing in for Amazon S3, which cannot run here). tests/install-test-tools.sh
/// installs both from the npm registry into artifacts/tools/storage-servers.
/// </summary>
internal static class StorageServers
{
    public static readonly string Folder = Path.Combine(RepoPaths.Root, "artifacts", "tools", "storage-servers", "node_modules", ".bin");

    /// <summary>Why the servers cannot run here, or null.</summary>
    public static string? UnavailableReason =>
        File.Exists(Path.Combine(Folder, "s3rver")) && File.Exists(Path.Combine(Folder, "azurite-blob"))
            ? null
            : $"azurite and s3rver are not installed in {Folder}: run tests/install-test-tools.sh";

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a server and waits until it accepts connections on <paramref name="port"/>.</summary>
    public static async Task<Process> StartAsync(string tool, IEnumerable<string> arguments, int port)
    {
        var info = new ProcessStartInfo(Path.Combine(Folder, tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode} before listening on {port}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Stop(process);
        throw new TimeoutException($"{tool} did not listen on {port} within 60 s");
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}

/// <summary>A fact that needs the storage servers; skipped, with the install command, when they are not installed.</summary>
public sealed class StorageServerFactAttribute : FactAttribute
{
    public StorageServerFactAttribute()
    {
        if (StorageServers.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs the storage servers.</summary>
public sealed class StorageServerTheoryAttribute : TheoryAttribute
{
    public StorageServerTheoryAttribute()
    {
        if (StorageServers.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
