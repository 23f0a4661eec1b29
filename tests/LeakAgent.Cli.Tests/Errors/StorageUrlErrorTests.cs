using System.Net;
using System.Net.Sockets;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Tests.TestSupport;

namespace LeakAgent.Cli.Tests.Errors;

/// <summary>
/// A dump given as a storage URL that cannot be read: one <c>[ERROR]</c> line, its documented code, no stack trace,
/// and never a credential. The "store down" case is a loopback port nothing listens on; reading real objects is tested
/// against real servers in tests/LeakAgent.IntegrationTests/Storage.
/// </summary>
public sealed class StorageUrlErrorTests
{
    private const string AccountKey = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWFwcGVhcg==";

    public static TheoryData<string, string[], Dictionary<string, string?>, int, string> Cases => new()
    {
        { "bucket name", ["report", "s3://Bad_Bucket/x.gcdump"], [], ExitCodes.UsageError, "is not an S3 bucket name" },
        { "SAS in the URL", ["suspects", "https://acct.blob.core.windows.net/dumps/x.gcdump?sv=1&sig=" + AccountKey], [], ExitCodes.UsageError, "carries a query or user info" },
        { "S3 store down", ["report", "s3://dumps/leaks/x.gcdump"], S3Down(), ExitCodes.StorageError, "download s3://dumps/leaks/x.gcdump: Connection refused" },
        { "S3 folder, store down", ["suspects", "s3://dumps/leaks/"], S3Down(), ExitCodes.StorageError, "list s3://dumps/leaks: Connection refused" },
        { "azblob without an account", ["report", "azblob://dumps/x.gcdump"], new() { ["AZURE_STORAGE_CONNECTION_STRING"] = null, ["AZURE_STORAGE_ACCOUNT"] = null }, ExitCodes.StorageError, "azblob:// needs AZURE_STORAGE_CONNECTION_STRING" },
        { "azblob, broken connection string", ["report", "azblob://dumps/x.gcdump"], new() { ["AZURE_STORAGE_CONNECTION_STRING"] = "AccountKey=" + AccountKey }, ExitCodes.StorageError, "AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string" },
        { "azblob, store down", ["diff", "azblob://dumps/a.gcdump", "azblob://dumps/b.gcdump"], AzureDown(), ExitCodes.StorageError, "download azblob://dumps/a.gcdump: Connection refused" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StorageUrl_AnticipatedError_OneLine_DocumentedCode_NoSecret(string name, string[] args, Dictionary<string, string?> environment, int exitCode, string fragment)
    {
        var result = await LeakAgentCli.RunProcessAsync(args, environment, TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == exitCode, $"{name}: {result}");
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, $"{name}: {result}");
        Assert.Equal(line, result.Error.Trim());
        Assert.DoesNotContain(AccountKey, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> S3Down() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "s3cret",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{FreePort()}",
    };

    private static Dictionary<string, string?> AzureDown() => new()
    {
        ["AZURE_STORAGE_CONNECTION_STRING"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{FreePort()}/devstoreaccount1;",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
