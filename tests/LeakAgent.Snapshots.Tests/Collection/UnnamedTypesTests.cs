using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Collection;

public class UnnamedTypesTests
{
    [Theory]
    [InlineData(1, 9, false)]
    [InlineData(5, 5, false)]
    [InlineData(6, 4, true)]
    [InlineData(10, 0, true)]
    public void Reject_FailsAWalkWhoseObjectsAreMostlyUnnamed(int unnamed, int named, bool rejected)
    {
        // Node 0 is the pseudo root; it references every object.
        var count = unnamed + named;
        var types = new[] { 1 }.Concat(Enumerable.Repeat(2, unnamed)).Concat(Enumerable.Repeat(3, named)).ToArray();
        var starts = new[] { 0 }.Concat(Enumerable.Repeat(count, count + 1)).ToArray();
        var graph = new HeapGraph(
            ["UNDEFINED", "[.NET Roots]", "UNKNOWN 0x7f00aa", "App.Named"],
            [null, null, "Module(unknown)", "/app/App.dll"],
            types,
            Enumerable.Repeat(24, count + 1).ToArray(),
            starts,
            Enumerable.Range(1, count).ToArray(),
            count,
            null,
            0);

        var reason = UnnamedTypes.Reject(graph);

        Assert.Equal(rejected, reason is not null);
        if (rejected)
        {
            Assert.Contains($"only {named} of {count} objects", reason, StringComparison.Ordinal);
        }
    }
}
