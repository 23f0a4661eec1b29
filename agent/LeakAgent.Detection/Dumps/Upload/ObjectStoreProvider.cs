using LeakAgent.Storage;

namespace LeakAgent.Detection.Dumps.Upload;

/// <summary>
/// The one store of a destination, created on first use (loading the vendor's SDK then, not at start) and shared by
/// every uploader of the process. A creation that fails (no region, a bad connection string) is tried again next time:
/// the environment does not change, but the line saying why should come with each dump that could not go.
/// </summary>
internal sealed class ObjectStoreProvider : IDisposable
{
    private readonly Func<IObjectStore> _create;
    private readonly object _lock = new();
    private IObjectStore? _store;

    public ObjectStoreProvider(StorageLocation destination, Func<IObjectStore> create)
    {
        Destination = destination;
        _create = create;
    }

    public StorageLocation Destination { get; }

    /// <summary>The store for the process's own environment; <paramref name="interactive"/> as <see cref="ObjectStores.Create"/>.</summary>
    public static ObjectStoreProvider ForEnvironment(StorageLocation destination, bool interactive) =>
        new(destination, () => ObjectStores.Create(destination, Configuration.SettingsReader.EnvironmentSnapshot(), interactive));

    /// <summary>The store; throws <see cref="ObjectStoreException"/> when it cannot be created.</summary>
    public IObjectStore Get()
    {
        lock (_lock)
        {
            return _store ??= _create();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _store?.Dispose();
            _store = null;
        }
    }
}
