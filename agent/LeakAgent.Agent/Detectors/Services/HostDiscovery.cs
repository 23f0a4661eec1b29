using System.Diagnostics;
using LeakAgent.Agent.Diagnostics;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>
/// Finds the app's root service providers without code changes: the Generic Host (and <c>WebApplication</c>, which
/// builds one) announces itself on <c>DiagnosticListener("Microsoft.Extensions.Hosting")</c> with a
/// <c>HostBuilt</c> event whose payload is the <c>IHost</c> (.NET 6+; the same hook <c>dotnet ef</c> and
/// <c>WebApplicationFactory</c> use to find an app's host). The host's <c>Services</c> is kept as a weak reference
/// only, so a host the app disposes and drops is collected.
/// </summary>
/// <remarks>The agent starts before the app's <c>Main</c>, so the subscription is in place before any host is built.
/// <see cref="DiagnosticListener"/> lives in the shared framework, so app and agent see the same listeners.</remarks>
internal sealed class HostDiscovery : IObserver<DiagnosticListener>, IDisposable
{
    /// <summary>The Generic Host's listener.</summary>
    public const string ListenerName = "Microsoft.Extensions.Hosting";

    /// <summary>Written by <c>HostBuilder.Build</c> and <c>HostApplicationBuilder.Build</c> with the built host.</summary>
    public const string HostBuiltEvent = "HostBuilt";

    private const int MaxProviders = 16;
    private static readonly object s_processGate = new();
    private static HostDiscovery? s_process;
    private readonly object _sync = new();
    private readonly List<WeakReference<object>> _providers = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Action<string> _log;
    private IDisposable? _allListeners;

    /// <param name="log">Where the one line per host found goes.</param>
    public HostDiscovery(Action<string> log) => _log = log;

    /// <summary>Hosts built so far whose provider is still alive.</summary>
    public int ProviderCount
    {
        get
        {
            lock (_sync)
            {
                return _providers.Count(p => p.TryGetTarget(out _));
            }
        }
    }

    /// <summary>
    /// The process-wide discovery, subscribed on first use. The agent's entry point touches it before Main runs,
    /// because the rest of the agent starts on a background thread that an app's <c>Build()</c> may well outrun: the
    /// HostBuilt event is written once and never replayed.
    /// </summary>
    public static HostDiscovery ForProcess
    {
        get
        {
            lock (s_processGate)
            {
                if (s_process is null)
                {
                    s_process = new HostDiscovery(SelfLog.Write);
                    s_process.Start();
                }

                return s_process;
            }
        }
    }

    /// <summary>Subscribes to every <see cref="DiagnosticListener"/> created, now and later (once).</summary>
    public void Start()
    {
        lock (_sync)
        {
            _allListeners ??= DiagnosticListener.AllListeners.Subscribe(this);
        }
    }

    /// <summary>Records a provider (the HostBuilt event does; tests call it directly).</summary>
    public void Track(object provider)
    {
        lock (_sync)
        {
            _providers.RemoveAll(p => !p.TryGetTarget(out _));
            if (_providers.Count < MaxProviders && !_providers.Exists(p => p.TryGetTarget(out var known) && ReferenceEquals(known, provider)))
            {
                _providers.Add(new WeakReference<object>(provider));
            }
        }
    }

    /// <summary>The providers still alive, as strong references the caller must drop when its scan ends.</summary>
    public List<object> AliveProviders()
    {
        lock (_sync)
        {
            var alive = new List<object>(_providers.Count);
            foreach (var provider in _providers)
            {
                if (provider.TryGetTarget(out var target))
                {
                    alive.Add(target);
                }
            }

            return alive;
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        Guard.Run("hosting listener", () =>
        {
            if (value.Name == ListenerName)
            {
                var subscription = value.Subscribe(new HostEventObserver(this), static (name, _, _) => name == HostBuiltEvent);
                lock (_sync)
                {
                    _subscriptions.Add(subscription);
                }
            }
        });
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    /// <summary>Called on the app's thread that builds the host: reads the host's <c>Services</c>, nothing else.</summary>
    internal void OnHostBuilt(object? host)
    {
        if (host is null)
        {
            return;
        }

        var services = HostServices.Of(host);
        if (services is null)
        {
            _log($"services: a host was built ({host.GetType().FullName}) but its Services could not be read");
            return;
        }

        Track(services);
        _log($"services: found the host's service provider ({services.GetType().FullName})");
    }

    public void Dispose()
    {
        _allListeners?.Dispose();
        lock (_sync)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
            _providers.Clear();
        }
    }

    private sealed class HostEventObserver(HostDiscovery owner) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            // Guarded: this runs inside the app's Build(); nothing of ours may throw into it.
            Guard.Run("hosting event", () =>
            {
                if (value.Key == HostBuiltEvent)
                {
                    owner.OnHostBuilt(value.Value);
                }
            });
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
