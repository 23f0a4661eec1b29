using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;

namespace LeakAgent.IntegrationTests.Storage;

/// <summary>
/// s3rver on a loopback port with one bucket, standing in for Amazon S3. It checks the access key id (an unknown one
/// gets 403 InvalidAccessKeyId) but, unlike S3, not the secret; refused credentials are tested with a wrong key id.
/// </summary>
internal sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, string directory, int port, string bucket)
    {
        _process = process;
        _directory = directory;
        Endpoint = $"http://127.0.0.1:{port}";
        Bucket = bucket;
    }

    public string Endpoint { get; }

    public string Bucket { get; }

    public static async Task<S3rverServer> StartAsync(string bucket = "dumps")
    {
        var directory = Path.Combine(Path.GetTempPath(), "leakagent-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = StorageServers.FreePort();
        var process = await StorageServers.StartAsync("s3rver", ["-d", directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", bucket], port);
        return new S3rverServer(process, directory, port, bucket);
    }

    /// <summary>The environment an app (or the CLI) needs to reach this server through the AWS SDK's standard variables.</summary>
    public Dictionary<string, string?> Environment(string accessKeyId = AccessKeyId) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL_S3"] = Endpoint,
    };

    /// <summary>An S3 client of the test's own (the SDK directly, not the agent's store).</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>The bytes of <paramref name="key"/>, read back with the SDK.</summary>
    public async Task<byte[]> ReadAsync(string key)
    {
        using var client = Client();
        using var response = await client.GetObjectAsync(Bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        StorageServers.Stop(_process);
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
