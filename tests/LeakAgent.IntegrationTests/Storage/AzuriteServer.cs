using System.Diagnostics;
using Azure.Storage.Blobs;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>Azurite's blob service on a loopback port, in memory, with one container made by the test.</summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account (documented by Microsoft; not a secret).
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteServer(Process process, int port, string container)
    {
        _process = process;
        BlobEndpoint = $"http://127.0.0.1:{port}/{Account}";
        Container = container;
    }

    public string BlobEndpoint { get; }

    public string Container { get; }

    public static async Task<AzuriteServer> StartAsync(string container = "dumps")
    {
        var port = StorageServers.FreePort();
        var process = await StorageServers.StartAsync("azurite-blob",
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"], port);
        var server = new AzuriteServer(process, port, container);
        await new BlobContainerClient(server.ConnectionString(), container).CreateIfNotExistsAsync();
        return server;
    }

    /// <summary>A connection string for this server; <paramref name="key"/> other than the account's is refused.</summary>
    public string ConnectionString(string key = AccountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint={BlobEndpoint};";

    public Dictionary<string, string?> Environment(string key = AccountKey) => new()
    {
        ["AZURE_STORAGE_CONNECTION_STRING"] = ConnectionString(key),
    };

    /// <summary>The bytes of blob <paramref name="name"/>, read back with the SDK.</summary>
    public async Task<byte[]> ReadAsync(string name)
    {
        var blob = new BlobContainerClient(ConnectionString(), Container).GetBlobClient(name);
        using var copy = new MemoryStream();
        await blob.DownloadToAsync(copy);
        return copy.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        StorageServers.Stop(_process);
        return ValueTask.CompletedTask;
    }
}
