using System.Text.Json;
using LeakAgent.Agent.Dumps;
using LeakAgent.Detection.Dumps;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;
using Xunit;

namespace LeakAgent.Agent.Tests.Dumps;

/// <summary>The leak report of an in-process dump leaves the agent's own objects out of its lists and counts them apart.</summary>
public sealed class LeakReportAgentObjectsTests
{
    [Fact]
    public void AgentModules_InTheDefaultContext_AreTheAgentAndSnapshotAssembliesOnly()
    {
        // These tests load the agent into the default context, beside xunit and the test assembly: those are not ours.
        var paths = AgentModules.Paths();

        Assert.Equal(3, paths.Count);
        Assert.Contains(typeof(AgentModules).Assembly.Location, paths);
        Assert.Contains(typeof(HeapGraph).Assembly.Location, paths);
        Assert.Contains(typeof(DumpRequest).Assembly.Location, paths);
    }

    [Fact]
    public void Report_LeavesAgentTypesOutOfTopGrowers_AndSaysHowManyObjectsAndBytesWereTheAgents()
    {
        // 300 of the agent's samples (and their CoreLib list) outnumber the app's 40 orders.
        var graph = Heap(agentSamples: 300, orders: 40);
        var agentTypes = ExcludedTypes.OfModules(graph, AgentModules.Paths());

        var report = LeakReportBuilder.Build(graph, new HeapSnapshotStatistics { NodeCount = graph.NodeCount, TotalBytes = graph.TotalSize }, agentTypes,
            Request(new TriggerFacts(1_000_000, 2048, 0.95, 12, TimeSpan.FromMinutes(10))), null, null, DateTimeOffset.UnixEpoch, "/dumps/shop.gcdump", 20);
        using var stream = new MemoryStream();
        LeakReportWriter.Write(report, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;

        var agent = root.GetProperty("agent");
        Assert.Equal(300 + 1 + 1, agent.GetProperty("objects").GetInt32());
        Assert.Equal((300 * 40) + 32 + (24 + (8 * 300)), agent.GetProperty("bytes").GetInt64());
        Assert.Equal(3, agent.GetProperty("types").GetInt32());
        var growers = root.GetProperty("topGrowingTypes").EnumerateArray().Select(t => t.GetProperty("type").GetString()!).ToList();
        Assert.Equal("Shop.Order", growers[0]);
        Assert.DoesNotContain(growers, t => t.Contains("LeakAgent", StringComparison.Ordinal));
        Assert.DoesNotContain(root.GetProperty("topTypes").EnumerateArray(), t => t.GetProperty("type").GetString()!.Contains("LeakAgent", StringComparison.Ordinal));
        Assert.DoesNotContain(root.GetProperty("retainers").EnumerateArray(), r => r.GetProperty("root").GetString()!.Contains("LeakAgent", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_WithNothingExcluded_WouldRankTheAgentsSamplesFirst()
    {
        var graph = Heap(agentSamples: 300, orders: 40);

        var report = LeakReportBuilder.Build(graph, new HeapSnapshotStatistics(), ExcludedTypes.None(graph),
            Request(new TriggerFacts(null, 0, 0, 0, TimeSpan.Zero)), null, null, DateTimeOffset.UnixEpoch, "/dumps/shop.gcdump", 20);

        Assert.Equal("LeakAgent.Agent.Dumps.Sample", report.TopGrowingTypes[0].TypeName);
        Assert.Equal(new AgentShare(0, 0, 0), report.Agent);
    }

    private static DumpRequest Request(TriggerFacts facts) => new(4242, "shop", "heap_trend", facts, [], [], AgentModulePaths: []);

    /// <summary>A static list of the agent's samples (its type in the agent's own assembly) and one of the app's orders.</summary>
    private static HeapGraph Heap(int agentSamples, int orders)
    {
        var b = new HeapGraphBuilder();
        b.AddType(1, "LeakAgent.Agent.Dumps.Sample", typeof(AgentModules).Assembly.Location);
        b.AddType(2, "System.Collections.Generic.List`1[LeakAgent.Agent.Dumps.Sample]", typeof(object).Assembly.Location);
        b.AddType(3, "LeakAgent.Agent.Dumps.Sample[]", typeof(object).Assembly.Location);
        b.AddType(4, "Shop.Order", "/app/Shop.dll");
        b.AddType(5, "System.Collections.Generic.List`1[Shop.Order]", typeof(object).Assembly.Location);
        b.AddType(6, "Shop.Order[]", typeof(object).Assembly.Location);
        ulong next = 0x10_000;
        StaticList(b, ref next, "LeakAgent.Agent.Dumps.Trigger", 2, 3, 1, 40, agentSamples);
        StaticList(b, ref next, "Shop.Cache", 5, 6, 4, 56, orders);
        return b.Build();
    }

    private static void StaticList(HeapGraphBuilder b, ref ulong next, string owner, ulong listType, ulong arrayType, ulong itemType, int itemSize, int count)
    {
        var list = next += 0x100;
        var array = next += 0x100;
        b.AddNode(list, 32, listType, 1);
        b.AddEdge(array);
        var items = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = next += 0x100;
        }

        b.AddNode(array, 24 + (8 * count), arrayType, count);
        b.AddEdges(items);
        foreach (var item in items)
        {
            b.AddNode(item, itemSize, itemType, 0);
        }

        b.AddStaticRoot(list, owner, "Items");
    }
}
