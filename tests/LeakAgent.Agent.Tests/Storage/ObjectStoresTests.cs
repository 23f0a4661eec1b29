using LeakAgent.Storage;
using Xunit;

namespace LeakAgent.Agent.Tests.Storage;

/// <summary>Which credentials a store is made with, decided before any request (so no server is needed here).</summary>
public sealed class ObjectStoresTests
{
    private const string Key = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWFwcGVhcg==";
    private static readonly string s_connection = $"DefaultEndpointsProtocol=https;AccountName=shopdumps;AccountKey={Key};EndpointSuffix=core.windows.net";

    [Fact]
    public void BlobUrl_WithAnotherAccountsConnectionString_IsRefused_NotWrittenElsewhere()
    {
        var error = Assert.Throws<ObjectStoreException>(() => Create("https://otheraccount.blob.core.windows.net/dumps/leaks", new() { ["AZURE_STORAGE_CONNECTION_STRING"] = s_connection }));
        Assert.Equal("AZURE_STORAGE_CONNECTION_STRING is for the account 'shopdumps', the URL names 'otheraccount'", error.Message);
        Assert.False(error.Retryable);
    }

    [Theory]
    [InlineData("https://shopdumps.blob.core.windows.net/dumps/leaks")]
    [InlineData("azblob://dumps/leaks")]
    public void ConnectionString_OfTheNamedAccount_MakesTheStore(string url)
    {
        using var store = Create(url, new() { ["AZURE_STORAGE_CONNECTION_STRING"] = s_connection });
        Assert.NotNull(store);
    }

    [Fact]
    public void AzblobWithoutAnyAccount_SaysWhatIsMissing()
    {
        var error = Assert.Throws<ObjectStoreException>(() => Create("azblob://dumps/leaks", []));
        Assert.StartsWith("azblob:// needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpEndpoint_WithoutAConnectionString_IsRefused_ATokenGoesOnlyOverHttps()
    {
        var error = Assert.Throws<ObjectStoreException>(() => Create("http://127.0.0.1:10000/devstoreaccount1/dumps", []));
        Assert.Contains("a token is sent only over https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenConnectionString_IsOneLine_WithoutTheKey()
    {
        var error = Assert.Throws<ObjectStoreException>(() => Create("azblob://dumps/leaks", new() { ["AZURE_STORAGE_CONNECTION_STRING"] = "AccountKey=" + Key }));
        Assert.Equal("AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string", error.Message);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    private static IObjectStore Create(string url, Dictionary<string, string?> environment)
    {
        Assert.True(StorageLocationParser.TryParse(url, out var location, out var error), error);
        return ObjectStores.Create(location, environment, interactive: false);
    }
}
