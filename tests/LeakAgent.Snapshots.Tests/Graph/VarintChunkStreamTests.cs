using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Graph;

public class VarintChunkStreamTests
{
    [Fact]
    public void ReadBack_ExtremesAndManyChunks_GivesEveryValueInOrder_TwiceWhenTheFirstReaderKeepsTheChunks()
    {
        // ~300 KB of varints: values of every length cross the 64 KB chunk boundaries at every offset.
        var values = new List<(bool Signed, ulong Value)>();
        long[] signedExtremes = [0, 1, -1, 63, -64, 64, -65, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue];
        ulong[] unsignedExtremes = [0, 127, 128, 16_383, 16_384, uint.MaxValue, ulong.MaxValue, ulong.MaxValue - 1];
        for (int i = 0; i < 40_000; i++)
        {
            values.Add((true, (ulong)signedExtremes[i % signedExtremes.Length]));
            values.Add((false, unsignedExtremes[i % unsignedExtremes.Length]));
            values.Add((false, (ulong)i * 2_654_435_761UL));
        }
        var stream = new VarintChunkStream();
        foreach (var (signed, value) in values)
        {
            if (signed)
            {
                stream.WriteSigned((long)value);
            }
            else
            {
                stream.Write(value);
            }
        }

        foreach (bool release in new[] { false, true })
        {
            var reader = stream.OpenReader(release);
            var read = values.Select(v => (v.Signed, v.Signed ? (ulong)reader.ReadSigned() : reader.Read())).ToList();
            Assert.Equal(values, read);
        }
    }
}
