using System.Diagnostics;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Tests.TestSupport;

namespace LeakAgent.Snapshots.Tests.Format;

public class GcDumpFuzzTests
{
    [Fact]
    public void Read_CutsAndByteFlipsOfTheFixture_EitherReadOrThrowGcDumpFormatException()
    {
        var original = File.ReadAllBytes(Fixtures.SeedsGcDump);
        var random = new Random(20260301);
        int read = 0;
        int rejected = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 3000; i++)
        {
            byte[] data;
            if (i % 3 == 0)
            {
                // Cuts: every region of the file, the small prefix densely.
                int cut = i < 300 ? i / 3 : random.Next(original.Length);
                data = original[..cut];
            }
            else
            {
                data = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++)
                {
                    // Bias half of the flips into the metadata and type table, where counts live.
                    int at = random.Next(2) == 0 ? random.Next(Math.Min(12_000, data.Length)) : random.Next(data.Length);
                    data[at] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
                }
            }
            try
            {
                var dump = GcDumpReader.Read(data);
                Assert.True(dump.Graph.NodeCount > 0);
                Assert.InRange(dump.Graph.RootIndex, 0, dump.Graph.NodeCount - 1);
                read++;
            }
            catch (GcDumpFormatException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                rejected++;
            }
            // Bounded time: a hang would show here long before the test host's timeout.
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "fuzzing took too long");
        }
        Assert.True(rejected > 1000, $"only {rejected} rejected");
        Assert.True(read > 100, $"only {read} read");
    }
}
