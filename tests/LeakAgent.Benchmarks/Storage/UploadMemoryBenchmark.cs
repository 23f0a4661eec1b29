using System.Diagnostics;
using LeakAgent.Benchmarks.Snapshots;
using LeakAgent.Detection.Configuration;
using LeakAgent.Detection.Configuration.Parsing;
using LeakAgent.Detection.Dumps.Upload;
using LeakAgent.Storage;

namespace LeakAgent.Benchmarks.Storage;

/// <summary>
/// What an upload costs the app: the agent's upload path (DumpUploader and the vendor's store, as LEAKAGENT_DUMP_UPLOAD
/// and the SDK's standard variables configure them) sends a dump of the given size, and the process's resident and
/// managed peaks during it are compared with the baseline measured just before, in the same process, after a warm-up
/// upload has loaded the SDK and opened its connections.
/// </summary>
internal static class UploadMemoryBenchmark
{
    public static async Task<int> RunAsync(string destination, int sizeMB)
    {
        if (!StorageLocationParser.TryParse(destination, out var location, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "leakagent-upload-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Azurite starts empty; the agent never creates containers (that is the platform's job), the benchmark does.
            if (Environment.GetEnvironmentVariable("LEAKAGENT_BENCH_CREATE_CONTAINER") is { Length: > 0 } container)
            {
                await new Azure.Storage.Blobs.BlobContainerClient(Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING"), container).CreateIfNotExistsAsync();
            }

            var options = new UploadOptions(new SettingsReader(new Dictionary<string, string?> { [ConfigurationKeys.DumpUpload] = destination }, Console.Error.WriteLine));
            using var stores = ObjectStoreProvider.ForEnvironment(location, interactive: false);
            var uploader = new DumpUploader(options, stores, "upload-bench", "bench", TimeProvider.System);

            var warmUp = WriteFile(folder, "upload-bench-1-20260101T000000Z.gcdump", 1);
            var warm = await uploader.UploadAsync(warmUp, CancellationToken.None);
            if (!warm.Uploaded)
            {
                Console.Error.WriteLine(warm.Line);
                return 1;
            }

            var dump = WriteFile(folder, "upload-bench-1-20260101T000100Z.gcdump", sizeMB);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var baselineResident = MemoryProbe.ResidentBytes();
            var baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            UploadResult result;
            using (var probe = new MemoryProbe())
            {
                result = await uploader.UploadAsync(dump, CancellationToken.None);
                probe.Dispose();
                Report(location, sizeMB, result, stopwatch.Elapsed, baselineResident, probe.PeakResidentBytes, baselineManaged, probe.PeakManagedBytes, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            }

            // What the upload leaves behind in the app once a GC has run.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Console.WriteLine($"resident after a GC   {SizeParser.Format(MemoryProbe.ResidentBytes())}  (managed {SizeParser.Format(GC.GetTotalMemory(forceFullCollection: true))})");

            return result.Uploaded ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Report(StorageLocation location, int sizeMB, UploadResult result, TimeSpan elapsed, long baselineResident, long peakResident, long baselineManaged, long peakManaged, long allocated)
    {
        Console.WriteLine(result.Line);
        Console.WriteLine($"store                 {location.Kind} ({location.Url})");
        Console.WriteLine($"dump                  {sizeMB} MB, uploaded in {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"resident baseline     {SizeParser.Format(baselineResident)}");
        Console.WriteLine($"resident peak         {SizeParser.Format(peakResident)}  (+{SizeParser.Format(Math.Max(0, peakResident - baselineResident))}, {(double)(peakResident - baselineResident) / (sizeMB * 1024.0 * 1024.0):P1} of the dump)");
        Console.WriteLine($"managed heap peak     {SizeParser.Format(peakManaged)}  (+{SizeParser.Format(Math.Max(0, peakManaged - baselineManaged))} over {SizeParser.Format(baselineManaged)})");
        Console.WriteLine($"allocated in total    {SizeParser.Format(allocated)}");
    }

    /// <summary>A file of pseudo-random bytes (incompressible, as a gcdump nearly is), written in 1 MB blocks.</summary>
    private static string WriteFile(string folder, string name, int sizeMB)
    {
        var path = Path.Combine(folder, name);
        var block = new byte[1024 * 1024];
        var random = new Random(42);
        using var file = File.Create(path);
        for (var i = 0; i < sizeMB; i++)
        {
            random.NextBytes(block);
            file.Write(block);
        }

        return path;
    }
}
