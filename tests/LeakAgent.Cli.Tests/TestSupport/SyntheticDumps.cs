using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>Small hand-built dumps: a static list of <c>Shop.Order</c>s plus some constant noise.</summary>
internal static class SyntheticDumps
{
    public static void WriteShop(string path, int orders, int noise = 500)
    {
        var builder = new HeapGraphBuilder();
        builder.AddType(1, "Shop.Order", "/app/Shop.dll");
        builder.AddType(2, "System.Object[]", "/usr/share/dotnet/System.Private.CoreLib.dll");
        builder.AddType(3, "System.String", "/usr/share/dotnet/System.Private.CoreLib.dll");
        ulong address = 0x1000;
        ulong array = address;
        builder.AddNode(array, 24 + (8L * orders), 2, orders);
        for (int i = 0; i < orders; i++)
        {
            builder.AddEdge(array + 0x100 + ((ulong)i * 0x40));
        }

        for (int i = 0; i < orders; i++)
        {
            builder.AddNode(array + 0x100 + ((ulong)i * 0x40), 48, 1, 0);
        }

        ulong strings = 0x10_0000_0000;
        for (int i = 0; i < noise; i++)
        {
            builder.AddNode(strings + ((ulong)i * 0x40), 30, 3, 0);
            builder.AddRoot(strings + ((ulong)i * 0x40), HeapRootKind.Stack);
        }

        builder.AddStaticRoot(array, "System.Object[]", "s_orders");
        GcDumpWriter.Write(new GcDump(builder.Build(), new GcDumpMetadata { ProcessName = "shop", ProcessId = 42 }), path);
    }

    /// <summary>A static field holding the head of a singly linked list of <paramref name="length"/> nodes.</summary>
    public static void WriteLinkedList(string path, int length)
    {
        var builder = new HeapGraphBuilder();
        builder.AddType(1, "Shop.Node", "/app/Shop.dll");
        for (int i = 0; i < length; i++)
        {
            ulong address = 0x1000 + ((ulong)i * 0x20);
            bool last = i == length - 1;
            builder.AddNode(address, 32, 1, last ? 0 : 1);
            if (!last)
            {
                builder.AddEdge(address + 0x20);
            }
        }

        builder.AddStaticRoot(0x1000, "Shop.Node", "s_head");
        GcDumpWriter.Write(new GcDump(builder.Build(), new GcDumpMetadata()), path);
    }
}
