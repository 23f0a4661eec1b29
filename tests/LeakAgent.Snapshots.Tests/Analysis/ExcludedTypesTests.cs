using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Analysis;

/// <summary>
/// An in-process snapshot's agent objects (types of the agent's module files, and framework generics, arrays and
/// async boxes over them) are told apart from the app's, also when the app uses a library the agent brings too.
/// </summary>
public class ExcludedTypesTests
{
    private const string AgentDll = "/opt/leakagent/agent/LeakAgent.Agent.dll";
    private const string AgentOtel = "/opt/leakagent/agent/OpenTelemetry.dll";
    private const string AppDll = "/app/Shop.dll";
    private const string AppOtel = "/app/OpenTelemetry.dll";
    private const string CoreLib = "/usr/share/dotnet/System.Private.CoreLib.dll";

    private static readonly Lazy<HeapGraph> s_graph = new(AppAndAgent);

    [Theory]
    [InlineData("LeakAgent.Agent.Sample", AgentDll, true)]
    [InlineData("System.Collections.Generic.List<LeakAgent.Agent.Sample>", CoreLib, true)]
    [InlineData("LeakAgent.Agent.Sample[] (Bytes > 1K)", CoreLib, true)]
    [InlineData("AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,LeakAgent.Agent.Exporter+<LoopAsync>d__3>", CoreLib, true)]
    [InlineData("OpenTelemetry.Trace.Span", AgentOtel, true)]
    [InlineData("Shop.Order", AppDll, false)]
    [InlineData("System.Collections.Generic.List<Shop.Order>", CoreLib, false)]
    [InlineData("AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,Shop.Worker+<RunAsync>d__1>", CoreLib, false)]
    [InlineData("OpenTelemetry.Trace.Span", AppOtel, false)]
    [InlineData("System.Collections.Generic.List<OpenTelemetry.Trace.Span>", CoreLib, false)]
    [InlineData("System.String", CoreLib, false)]
    public void OfModules_TellsTheAgentsTypesFromTheApps(string name, string module, bool agents)
    {
        var graph = s_graph.Value;
        var excluded = ExcludedTypes.OfModules(graph, [AgentDll, AgentOtel]);

        var type = Enumerable.Range(0, graph.TypeCount).Single(t => graph.GetTypeName(t) == name && graph.GetTypeModule(t) == module);
        Assert.Equal(agents, excluded.IsExcluded(type));
    }

    [Fact]
    public void OfModules_CountsTheAgentsObjectsAndBytes()
    {
        var excluded = ExcludedTypes.OfModules(s_graph.Value, [AgentDll, AgentOtel]);

        // 200 samples (40 B), their list (32 B) and array (1,624 B), 30 boxes (96 B), one span (64 B).
        Assert.Equal(200 + 1 + 1 + 30 + 1, excluded.ObjectCount);
        Assert.Equal((200 * 40) + 32 + 1624 + (30 * 96) + 64, excluded.Bytes);
        Assert.Equal(5, excluded.TypeCount);
        Assert.True(excluded.IsTheirStaticField("[static var LeakAgent.Agent.Exporter.s_samples]"));
        Assert.False(excluded.IsTheirStaticField("[static var Shop.Cache.Orders]"));
    }

    [Fact]
    public void OfLeakAgent_FindsTheAgentFolderFromTheDumpAlone_SameAsNamingItsModules()
    {
        var graph = s_graph.Value;
        var found = ExcludedTypes.OfLeakAgent(graph);
        var named = ExcludedTypes.OfModules(graph, [AgentDll, AgentOtel]);

        Assert.Equal(named.ObjectCount, found.ObjectCount);
        Assert.Equal(named.Bytes, found.Bytes);
        Assert.Equal(Enumerable.Range(0, graph.TypeCount).Select(named.IsExcluded), Enumerable.Range(0, graph.TypeCount).Select(found.IsExcluded));
    }

    [Fact]
    public void FrameworkLookingNamespace_DecidesOnlyForALibraryOnlyTheAgentLoads()
    {
        const string AgentClient = "/opt/leakagent/agent/Microsoft.Diagnostics.NETCore.Client.dll";
        const string AgentLogging = "/opt/leakagent/agent/Microsoft.Extensions.Logging.dll";
        const string AppLogging = "/app/Microsoft.Extensions.Logging.dll";
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Diagnostics.NETCore.Client.IpcClient", AgentClient);
        b.AddType(2, "AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,Microsoft.Diagnostics.NETCore.Client.StreamExtensions+<ReadBytesAsync>d__0]", CoreLib);
        b.AddType(3, "Microsoft.Extensions.Logging.LoggerFactory", AgentLogging);
        b.AddType(4, "Microsoft.Extensions.Logging.Logger", AppLogging);
        b.AddType(5, "AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,Microsoft.Extensions.Logging.Logger+<FlushAsync>d__4]", CoreLib);
        for (ulong i = 1; i <= 5; i++)
        {
            b.AddNode(i * 0x1000, 48, i, 0);
            b.AddStaticRoot(i * 0x1000, "Holder", "s_" + i);
        }

        var graph = b.Build();
        var excluded = ExcludedTypes.OfModules(graph, [AgentClient, AgentLogging]);
        bool Excluded(string name) => excluded.IsExcluded(Enumerable.Range(0, graph.TypeCount).Single(t => graph.GetTypeName(t) == name));

        Assert.True(Excluded("Microsoft.Diagnostics.NETCore.Client.IpcClient"));
        Assert.True(Excluded("AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,Microsoft.Diagnostics.NETCore.Client.StreamExtensions+<ReadBytesAsync>d__0>"));
        Assert.True(Excluded("Microsoft.Extensions.Logging.LoggerFactory"));
        Assert.False(Excluded("Microsoft.Extensions.Logging.Logger"));
        Assert.False(Excluded("AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,Microsoft.Extensions.Logging.Logger+<FlushAsync>d__4>"));
    }

    [Fact]
    public void OfLeakAgent_WithoutTheAgentInTheDump_ExcludesNothing()
    {
        var b = new HeapGraphBuilder();
        b.AddType(1, "Shop.Order", AppDll);
        b.AddType(2, "OpenTelemetry.Trace.Span", AppOtel);
        b.AddNode(0x1000, 48, 1, 0);
        b.AddNode(0x2000, 64, 2, 0);
        b.AddStaticRoot(0x1000, "Shop.Cache", "Order");
        b.AddStaticRoot(0x2000, "Shop.Tracing", "Span");
        var graph = b.Build();

        var found = ExcludedTypes.OfLeakAgent(graph);
        Assert.Equal(0, found.ObjectCount);
        Assert.Equal(0, found.TypeCount);
    }

    [Fact]
    public void Growth_WithTheAgentExcluded_HasTheAppsOrdersOnTop_WithoutItTheAgentsSamples()
    {
        var graph = s_graph.Value;
        var excluded = ExcludedTypes.OfModules(graph, [AgentDll, AgentOtel]);
        var empty = new Dictionary<string, (int Count, long Bytes)>();

        Assert.Equal("LeakAgent.Agent.Sample", HeapDiff.Compare(empty, HeapDiff.Census(graph))[0].TypeName);
        var growth = HeapDiff.Compare(empty, HeapDiff.Census(graph, excluded));
        Assert.Equal(("Shop.Order", 50), (growth[0].TypeName, growth[0].CountDelta));
        Assert.DoesNotContain(growth, g => g.TypeName.Contains("LeakAgent", StringComparison.Ordinal));

        // The app's own OpenTelemetry span stays in: one object, not the agent's too.
        var rows = TypeHistogram.Compute(graph, excluded: excluded);
        Assert.Equal(1, Assert.Single(rows, r => r.TypeName == "OpenTelemetry.Trace.Span").Count);
        Assert.DoesNotContain(rows, r => r.TypeName.Contains("LeakAgent", StringComparison.Ordinal));
    }

    [Fact]
    public void Suspects_WithTheAgentExcluded_NameOnlyTheAppsRetainerAndPendingMethod()
    {
        var dominators = DominatorTree.Compute(s_graph.Value);
        var excluded = ExcludedTypes.OfModules(s_graph.Value, [AgentDll, AgentOtel]);

        var all = LeakSuspects.Analyze(dominators);
        Assert.Contains(all.Retainers, r => r.Title == "[static var LeakAgent.Agent.Exporter.s_samples]");
        Assert.Contains(all.PendingAsync, p => p.Method == "LeakAgent.Agent.Exporter.LoopAsync");

        var apps = LeakSuspects.Analyze(dominators, excluded: excluded);
        Assert.Equal("[static var Shop.Cache.Orders]", apps.Retainers[0].Title);
        Assert.DoesNotContain(apps.Retainers, r => r.Title.Contains("LeakAgent", StringComparison.Ordinal) || r.TypeName.Contains("LeakAgent", StringComparison.Ordinal));
        Assert.Equal("Shop.Worker.RunAsync", Assert.Single(apps.PendingAsync).Method);
    }

    /// <summary>
    /// The app: a static list of 50 orders, 10 pending RunAsync boxes, an OpenTelemetry span of its own. The agent:
    /// a static list of 200 samples, 30 pending LoopAsync boxes, its own copy of the span type.
    /// </summary>
    private static HeapGraph AppAndAgent()
    {
        var b = new HeapGraphBuilder();
        (string Name, string Module)[] types =
        [
            ("Shop.Order", AppDll), // 1
            ("System.Collections.Generic.List`1[Shop.Order]", CoreLib),
            ("Shop.Order[]", CoreLib),
            ("LeakAgent.Agent.Sample", AgentDll), // 4
            ("System.Collections.Generic.List`1[LeakAgent.Agent.Sample]", CoreLib),
            ("LeakAgent.Agent.Sample[]", CoreLib),
            ("AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,LeakAgent.Agent.Exporter+<LoopAsync>d__3]", CoreLib), // 7
            ("AsyncStateMachineBox`1[System.Threading.Tasks.VoidTaskResult,Shop.Worker+<RunAsync>d__1]", CoreLib),
            ("OpenTelemetry.Trace.Span", AgentOtel), // 9
            ("OpenTelemetry.Trace.Span", AppOtel),
            ("System.Collections.Generic.List`1[OpenTelemetry.Trace.Span]", CoreLib),
            ("System.String", CoreLib), // 12
        ];
        for (var i = 0; i < types.Length; i++)
        {
            b.AddType((ulong)i + 1, types[i].Name, types[i].Module);
        }

        ulong address = 0x1000;
        ulong Next() => address += 0x100;

        var orders = Enumerable.Range(0, 50).Select(_ => Next()).ToArray();
        AddList(b, Next(), 2, Next(), 3, orders, 1, 48, "Shop.Cache", "Orders");
        var samples = Enumerable.Range(0, 200).Select(_ => Next()).ToArray();
        AddList(b, Next(), 5, Next(), 6, samples, 4, 40, "LeakAgent.Agent.Exporter", "s_samples");
        AddPinned(b, 8, 88, Enumerable.Range(0, 10).Select(_ => Next()));
        AddPinned(b, 7, 96, Enumerable.Range(0, 30).Select(_ => Next()));
        var appSpan = Next();
        b.AddNode(appSpan, 64, 10, 0);
        var appSpans = Next();
        b.AddNode(appSpans, 32, 11, 1);
        b.AddEdge(appSpan);
        b.AddStaticRoot(appSpans, "Shop.Tracing", "Spans");
        var agentSpan = Next();
        b.AddNode(agentSpan, 64, 9, 1);
        var name = Next();
        b.AddEdge(name);
        b.AddNode(name, 30, 12, 0);
        b.AddRoot(agentSpan, HeapRootKind.StrongHandle);
        return b.Build();
    }

    private static void AddList(HeapGraphBuilder b, ulong list, ulong listType, ulong array, ulong arrayType, ulong[] items, ulong itemType, int itemSize, string staticType, string field)
    {
        b.AddNode(list, 32, listType, 1);
        b.AddEdge(array);
        b.AddNode(array, 24 + (8 * items.Length), arrayType, items.Length);
        b.AddEdges(items);
        foreach (var item in items)
        {
            b.AddNode(item, itemSize, itemType, 0);
        }

        b.AddStaticRoot(list, staticType, field);
    }

    private static void AddPinned(HeapGraphBuilder b, ulong type, int size, IEnumerable<ulong> nodes)
    {
        foreach (var node in nodes)
        {
            b.AddNode(node, size, type, 0);
            b.AddRoot(node, HeapRootKind.StrongHandle);
        }
    }
}
