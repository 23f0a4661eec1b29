using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeakAgent.Cli.Launch;

/// <summary>
/// While <c>run</c> waits for its child: SIGTERM and SIGHUP are passed on to the child and do not end the CLI, so
/// the child can shut down gracefully and the CLI still returns its exit code. Ctrl-C (SIGINT) from the terminal
/// already reaches the child (same foreground process group), so it is only forwarded when it came from elsewhere.
/// </summary>
internal sealed class SignalForwarding : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Process _child;

    private SignalForwarding(Process child)
    {
        _child = child;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Forward(context, UnixSignals.SigTerm)));
        if (!OperatingSystem.IsWindows())
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => Forward(context, UnixSignals.SigHup)));
        }
    }

    /// <summary>Starts forwarding to <paramref name="child"/> until disposed.</summary>
    public static SignalForwarding Start(Process child) => new(child);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!UnixSignals.IsTerminalForeground())
        {
            UnixSignals.Send(_child.Id, UnixSignals.SigInt);
        }
    }

    private void Forward(PosixSignalContext context, int signal)
    {
        // Cancel: the CLI stays alive to wait for the child and pass its exit code on.
        context.Cancel = true;
        UnixSignals.Send(_child.Id, signal);
    }
}
