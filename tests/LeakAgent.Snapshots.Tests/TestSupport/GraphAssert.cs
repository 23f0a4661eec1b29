using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.TestSupport;

internal static class GraphAssert
{
    /// <summary>Asserts two graphs are the same: types, node types, sizes, children, addresses, root.</summary>
    public static void Equal(HeapGraph expected, HeapGraph actual)
    {
        Assert.Equal(expected.NodeCount, actual.NodeCount);
        Assert.Equal(expected.TypeCount, actual.TypeCount);
        Assert.Equal(expected.EdgeCount, actual.EdgeCount);
        Assert.Equal(expected.RootIndex, actual.RootIndex);
        Assert.Equal(expected.TotalSize, actual.TotalSize);
        for (int t = 0; t < expected.TypeCount; t++)
        {
            Assert.Equal(expected.GetTypeName(t), actual.GetTypeName(t));
            Assert.Equal(expected.GetTypeModule(t), actual.GetTypeModule(t));
        }
        for (int n = 0; n < expected.NodeCount; n++)
        {
            Assert.Equal(expected.GetTypeIndex(n), actual.GetTypeIndex(n));
            Assert.Equal(expected.GetSize(n), actual.GetSize(n));
            Assert.Equal(expected.GetAddress(n), actual.GetAddress(n));
            Assert.True(expected.GetChildren(n).SequenceEqual(actual.GetChildren(n)), $"children of node {n}");
        }
    }
}
