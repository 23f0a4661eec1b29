using Xunit;
using LeakAgent.Storage;

namespace LeakAgent.Agent.Tests.Storage;

public sealed class StorageLocationParserTests
{
    [Theory]
    [InlineData("s3://dumps/leaks/prod", "S3", "dumps", "leaks/prod", null, "s3://dumps/leaks/prod")]
    [InlineData("s3://dumps", "S3", "dumps", "", null, "s3://dumps/")]
    [InlineData("S3://Dumps/a/", "S3", "dumps", "a", null, "s3://dumps/a")]
    [InlineData("azblob://dumps/leaks", "AzureBlob", "dumps", "leaks", null, "azblob://dumps/leaks")]
    [InlineData("https://acct.blob.core.windows.net/dumps/leaks/x", "AzureBlob", "dumps", "leaks/x", "https://acct.blob.core.windows.net/", "https://acct.blob.core.windows.net/dumps/leaks/x")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/dumps/p", "AzureBlob", "dumps", "p", "http://127.0.0.1:10000/devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1/dumps/p")]
    public void Parses_EveryForm_AndSaysItBack(string text, string kind, string container, string key, string? endpoint, string url)
    {
        Assert.True(StorageLocationParser.TryParse(text, out var location, out var error), error);
        Assert.Equal(kind, location.Kind.ToString());
        Assert.Equal(container, location.Container);
        Assert.Equal(key, location.Key);
        Assert.Equal(endpoint, location.BlobEndpoint?.AbsoluteUri);
        Assert.Equal(url, location.Url);
    }

    [Theory]
    [InlineData("ftp://dumps/x", "is not a storage this tool writes to")]
    [InlineData("/var/dumps", "is not a URL")]
    [InlineData("s3://Ab/x", "is not an S3 bucket name")]
    [InlineData("s3://my_bucket/x", "is not an S3 bucket name")]
    [InlineData("azblob://a--b/x", "is not an Azure container name")]
    [InlineData("https://acct.blob.core.windows.net/dumps?sv=2024&sig=SECRET", "carries a query or user info")]
    [InlineData("s3://key:SECRET@dumps/x", "carries a query or user info")]
    [InlineData("https://example.com/dumps", "is not an Azure blob endpoint")]
    [InlineData("https://acct.blob.core.windows.net/", "names no container")]
    [InlineData("s3://dumps/a//b", "has an empty folder")]
    public void Rejects_WithOneSentence_NeverRepeatingACredential(string text, string expected)
    {
        Assert.False(StorageLocationParser.TryParse(text, out var location, out var error));
        Assert.Null(location);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Child_AppendsUnderTheKey()
    {
        Assert.True(StorageLocationParser.TryParse("azblob://dumps", out var root, out _));
        Assert.Equal("azblob://dumps/svc/a.gcdump", root.Child("svc").Child("a.gcdump").Url);
    }
}
