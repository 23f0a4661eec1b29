using System.Runtime.InteropServices;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Hands freed native memory back to the kernel after a snapshot. The EventPipe buffers of a heap walk are tens to
/// hundreds of MB of small <c>malloc</c> blocks; freed, glibc keeps their pages in its arenas, so the process's
/// resident memory (what a cgroup charges) stays up by that much after the dump — in a pod near its limit, the
/// difference between a dump and an OOM kill.
/// </summary>
internal static partial class NativeHeap
{
    private static int s_unavailable;

    /// <summary>Calls glibc's <c>malloc_trim(0)</c>; a no-op elsewhere (musl, macOS, Windows) or if it fails.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref s_unavailable) != 0)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (Alpine's musl has no malloc_trim): nothing to hand back this way.
            Volatile.Write(ref s_unavailable, 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
