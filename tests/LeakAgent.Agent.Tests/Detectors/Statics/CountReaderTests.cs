using System.Collections.Concurrent;
using LeakAgent.Agent.Detectors.Statics;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class CountReaderTests
{
    [Fact]
    public void For_ConcurrentDictionary_CountsEveryScanWithoutLocks_MatchingItsCount()
    {
        var dictionary = new ConcurrentDictionary<string, int>();
        Parallel.For(0, 5000, i => dictionary[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = i);

        var reader = CountReader.For(dictionary.GetType());

        Assert.Equal(CountKind.Collection, reader.Kind);
        Assert.Equal(5000, reader.Read(dictionary));
    }

    [Fact]
    public void For_ConcurrentQueueAndBag_QueueEveryScan_BagRarely()
    {
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, 70_000));

        Assert.Equal(CountKind.Collection, CountReader.For(queue.GetType()).Kind);
        Assert.Equal(70_000, CountReader.For(queue.GetType()).Read(queue));
        Assert.Equal(CountKind.RareCollection, CountReader.For(typeof(ConcurrentBag<int>)).Kind);
    }

    [Fact]
    public void TypeName_ClosedGeneric_ReadsAsInCSharp()
    {
        Assert.Equal("System.Collections.Generic.Dictionary<System.String, System.Collections.Generic.List<System.Int32>>", FieldPath.TypeName(typeof(Dictionary<string, List<int>>)));
    }
}
