using System.Diagnostics.Tracing;
using LeakAgent.Snapshots.Collection;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// Makes a target run one blocking full GC, from outside, when it runs too few of its own for the heap trend to
/// reach a verdict (Server GC apps with a big heap can go tens of minutes without one: measured 5 full GCs in 19 min
/// 44 s). The floor after a full GC is the only real evidence of a leak; nothing readable from outside replays the
/// floors of GCs that did not happen. Off with <c>--no-induced-gc</c> / <c>LEAKAGENT_WATCH_INDUCE_GC=off</c>.
/// </summary>
/// <remarks>
/// How: a session that enables the runtime provider with the GCHeapCollect keyword (0x800000) makes the runtime
/// run an induced, blocking gen2 GC (<c>ETW::GCLog::ForceGC</c> in the provider callback); without the GCHeapDump
/// keyword nothing walks the heap. The watch's own session sees that GC's events and samples its floor like any
/// other. EventPipe reports the stopping session's keywords as still on when another session remains (see
/// <see cref="HeapSessionProviders.TypeFlush"/>), so the stop runs the callback with GCHeapCollect once more: a
/// second GC right after the first, on a heap just collected. The flush session after it resets the provider state
/// so that no later callback (another tool's session) forces yet another.
/// </remarks>
internal static class FullGcInducer
{
    /// <summary>GCHeapCollect: enabling it makes the runtime run a blocking gen2 GC.</summary>
    private const long GcHeapCollectKeyword = 0x800000;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Induces the GC; throws the diagnostics client's exceptions when the target cannot be reached.</summary>
    public static async Task InduceAsync(int processId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        var client = new DiagnosticsClient(processId);
        var providers = new[] { new EventPipeProvider(HeapSessionProviders.RuntimeProvider, EventLevel.Informational, GcHeapCollectKeyword) };
        using (var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 1, timeout.Token).ConfigureAwait(false))
        {
            // The GC runs in the callback of the session's start; the stream itself carries nothing we need.
            await TypeTableFlush.StopQuietlyAsync(session, timeout.Token).ConfigureAwait(false);
        }

        await TypeTableFlush.RunAfterQuietlyAsync(client, timeout.Token).ConfigureAwait(false);
    }
}
