using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Analysis;

/// <summary>A retainer held by the DI container is headed by the app's object, not by the ServiceProvider.</summary>
public class RetainerHeadlineTests
{
    private const string Di = "/usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.0/Microsoft.Extensions.DependencyInjection.dll";
    private const string Caching = "/usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.0/Microsoft.Extensions.Caching.Memory.dll";
    private const string CoreLib = "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/System.Private.CoreLib.dll";
    private const string App = "/app/Storefront.dll";

    [Fact]
    public void Analyze_SingletonListBehindTheServiceProvider_HeadlineIsTheSingletonService()
    {
        // [local vars] → ServiceProvider → CallSiteFactory → ConstructorCallSite → PriceHistory → List → PricePoint[] → 1,000 points
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(2, "Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory", Di);
        b.AddType(3, "Microsoft.Extensions.DependencyInjection.ServiceLookup.ConstructorCallSite", Di);
        b.AddType(4, "Storefront.PriceHistory", App);
        b.AddType(5, "System.Collections.Generic.List<Storefront.PricePoint>", CoreLib);
        b.AddType(6, "Storefront.PricePoint[]", CoreLib);
        b.AddType(7, "Storefront.PricePoint", App);
        Chain(b, [(0x10, 1), (0x20, 2), (0x30, 3), (0x40, 4), (0x50, 5)]);
        AddArray(b, 0x60, 6, 0x1000, 7, 1000);
        b.AddRoot(0x10, HeapRootKind.Stack);

        var top = LeakSuspects.Analyze(b.Build()).Retainers[0];

        Assert.Equal("singleton service Storefront.PriceHistory", top.Title);
        Assert.Equal("Microsoft.Extensions.DependencyInjection.ServiceProvider", top.TypeName);
        Assert.StartsWith("Storefront.PricePoint[]", top.AccumulationType, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_RegisteredMemoryCache_HeadlineNamesTheCacheAndTheAppServiceUsingIt()
    {
        // The cache hangs off its own call site (the shortest path); the app's QuoteService references it too.
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(3, "Microsoft.Extensions.DependencyInjection.ServiceLookup.ConstructorCallSite", Di);
        b.AddType(4, "Microsoft.Extensions.Caching.Memory.MemoryCache", Caching);
        b.AddType(5, "Microsoft.Extensions.Caching.Memory.CacheEntry[]", CoreLib);
        b.AddType(6, "Microsoft.Extensions.Caching.Memory.CacheEntry", Caching);
        b.AddType(7, "Storefront.QuoteService", App);
        b.AddNode(0x10, 24, 1, 2);
        b.AddEdges([0x20, 0x70]);
        b.AddNode(0x20, 32, 3, 1);
        b.AddEdge(0x40);
        b.AddNode(0x70, 32, 3, 1);
        b.AddEdge(0x80);
        b.AddNode(0x80, 24, 7, 1);
        b.AddEdge(0x40);
        b.AddNode(0x40, 48, 4, 1);
        b.AddEdge(0x60);
        AddArray(b, 0x60, 5, 0x1000, 6, 1000);
        b.AddRoot(0x10, HeapRootKind.Stack);

        var top = LeakSuspects.Analyze(b.Build()).Retainers[0];

        Assert.Equal("singleton memory cache Microsoft.Extensions.Caching.Memory.MemoryCache used by singleton service Storefront.QuoteService", top.Title);
    }

    [Fact]
    public void Analyze_CollectionRegisteredAsASingleton_HeadlineNamesItAndTheAppTypeItHolds()
    {
        // [local vars] → ServiceProvider → ConstructorCallSite → List<Shop.Order> → Shop.Order[] → 1,000 orders
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(3, "Microsoft.Extensions.DependencyInjection.ServiceLookup.ConstructorCallSite", Di);
        b.AddType(5, "System.Collections.Generic.List<Shop.Order>", CoreLib);
        b.AddType(6, "Shop.Order[]", App);
        b.AddType(7, "Shop.Order", App);
        Chain(b, [(0x10, 1), (0x30, 3), (0x50, 5)]);
        AddArray(b, 0x60, 6, 0x1000, 7, 1000);
        b.AddRoot(0x10, HeapRootKind.Stack);

        Assert.Equal("singleton service System.Collections.Generic.List<Shop.Order> holding 1,000 Shop.Order", LeakSuspects.Analyze(b.Build()).Retainers[0].Title);
    }

    [Fact]
    public void Analyze_MemoryCacheNoAppServiceHolds_HeadlineNamesTheAppTypeItHolds()
    {
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(4, "Microsoft.Extensions.Caching.Memory.MemoryCache", Caching);
        b.AddType(5, "Microsoft.Extensions.Caching.Memory.CacheEntry[]", CoreLib);
        b.AddType(7, "Storefront.Quote", App);
        Chain(b, [(0x10, 1), (0x40, 4)]);
        AddArray(b, 0x60, 5, 0x1000, 7, 500);
        b.AddRoot(0x10, HeapRootKind.Stack);

        Assert.Equal("singleton memory cache Microsoft.Extensions.Caching.Memory.MemoryCache holding 500 Storefront.Quote", LeakSuspects.Analyze(b.Build()).Retainers[0].Title);
    }

    [Fact]
    public void Analyze_TwoLeaksUnderOneProvider_HeadlineNamesBothHolders()
    {
        // Neither leak holds 80 % of the provider, so the bytes "accumulate" in the provider itself.
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(3, "Microsoft.Extensions.DependencyInjection.ServiceLookup.ConstructorCallSite", Di);
        b.AddType(4, "Storefront.PriceHistory", App);
        b.AddType(5, "Storefront.PricePoint[]", App);
        b.AddType(6, "Storefront.PricePoint", App);
        b.AddType(8, "Microsoft.Extensions.Caching.Memory.MemoryCache", Caching);
        b.AddType(9, "Microsoft.Extensions.Caching.Memory.CacheEntry[]", CoreLib);
        b.AddType(10, "Microsoft.Extensions.Caching.Memory.CacheEntry", Caching);
        b.AddType(11, "Storefront.QuoteService", App);
        b.AddNode(0x10, 24, 1, 3);
        b.AddEdges([0x20, 0x30, 0x38]);
        b.AddNode(0x20, 32, 3, 1);
        b.AddEdge(0x40);
        b.AddNode(0x40, 24, 4, 1);
        b.AddEdge(0x60);
        AddArray(b, 0x60, 5, 0x100000, 6, 1200);
        b.AddNode(0x30, 32, 3, 1);
        b.AddEdge(0x50);
        b.AddNode(0x38, 32, 3, 1);
        b.AddEdge(0x48);
        b.AddNode(0x48, 24, 11, 1);
        b.AddEdge(0x50);
        b.AddNode(0x50, 48, 8, 1);
        b.AddEdge(0x70);
        AddArray(b, 0x70, 9, 0x200000, 10, 1000);
        b.AddRoot(0x10, HeapRootKind.Stack);

        var top = LeakSuspects.Analyze(b.Build()).Retainers[0];

        Assert.Equal("singleton service Storefront.PriceHistory and singleton memory cache Microsoft.Extensions.Caching.Memory.MemoryCache used by singleton service Storefront.QuoteService", top.Title);
    }

    [Fact]
    public void Analyze_NoAppObjectOnThePath_KeepsTheFrameworkTitle()
    {
        var b = new HeapGraphBuilder();
        b.AddType(5, "System.Collections.Generic.List<System.Object>", CoreLib);
        b.AddType(6, "System.Object[]", CoreLib);
        b.AddType(7, "System.Object", CoreLib);
        Chain(b, [(0x50, 5)]);
        AddArray(b, 0x60, 6, 0x1000, 7, 100);
        b.AddRoot(0x50, HeapRootKind.Stack);

        Assert.Equal("System.Collections.Generic.List<System.Object> (via [local vars])", LeakSuspects.Analyze(b.Build()).Retainers[0].Title);
    }

    [Fact]
    public void Analyze_ReceiveLoopReferencingTheProvider_ReferencesStopAtTheRootHeldProvider_AndTheLoopIsHidden()
    {
        // A Kestrel receive loop's box references the service provider, which a stack slot also holds and which
        // retains 1,000 PricePoints through the singleton: those are the provider's, not the loop's.
        const string box = "AsyncStateMachineBox<System.Threading.Tasks.VoidTaskResult,Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.Internal.SocketConnection+<DoReceive>d__30>";
        var b = new HeapGraphBuilder();
        b.AddType(1, "Microsoft.Extensions.DependencyInjection.ServiceProvider", Di);
        b.AddType(4, "Storefront.PriceHistory", App);
        b.AddType(6, "Storefront.PricePoint[]", App);
        b.AddType(7, "Storefront.PricePoint", App);
        b.AddType(8, box, CoreLib);
        b.AddNode(0x08, 100, 8, 1);
        b.AddEdge(0x10);
        Chain(b, [(0x10, 1), (0x40, 4)]);
        AddArray(b, 0x60, 6, 0x1000, 7, 1000);
        b.AddRoot(0x10, HeapRootKind.Stack);
        b.AddRoot(0x08, HeapRootKind.StrongHandle);
        var tree = DominatorTree.Compute(b.Build());

        Assert.Empty(LeakSuspects.Analyze(tree).PendingAsync);
        Assert.Equal(1, LeakSuspects.Analyze(tree).HiddenPendingMethods);
        var loop = Assert.Single(LeakSuspects.Analyze(tree, allPending: true).PendingAsync);
        Assert.Equal("Microsoft.Extensions.DependencyInjection.ServiceProvider", Assert.Single(loop.TopReachableTypes).TypeName);
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.Internal.SocketConnection.DoReceive", true)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests", true)]
    [InlineData("Microsoft.Diagnostics.NETCore.Client.IpcClient.SendMessageGetContinuationAsync", true)]
    [InlineData("Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync", true)]
    [InlineData("Program.<Main>$", true)]
    [InlineData("Shop.Program.Main", true)]
    [InlineData("Softwerkskammer.Members.MemberStore.SaveMemberAsync", false)]
    [InlineData("Shop.Domain.MainMenu.LoadAsync", false)]
    [InlineData("Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync", false)]
    public void PendingInfrastructure_ServerLoopsAndAgentIpc_AreLeftOut(string method, bool infrastructure)
    {
        Assert.Equal(infrastructure, PendingInfrastructure.IsInfrastructure(method));
    }

    // Each (address, type) references the next; the last references the array added after.
    private static void Chain(HeapGraphBuilder b, (ulong Address, ulong Type)[] nodes)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            b.AddNode(nodes[i].Address, 32, nodes[i].Type, 1);
            b.AddEdge(i + 1 < nodes.Length ? nodes[i + 1].Address : 0x60);
        }
    }

    private static void AddArray(HeapGraphBuilder b, ulong address, ulong arrayType, ulong first, ulong elementType, int count)
    {
        b.AddNode(address, 16 + (8 * count), arrayType, count);
        for (int i = 0; i < count; i++)
        {
            b.AddEdge(first + ((ulong)i * 0x40));
        }

        for (int i = 0; i < count; i++)
        {
            b.AddNode(first + ((ulong)i * 0x40), 64, elementType, 0);
        }
    }
}
