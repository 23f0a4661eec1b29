using System.Globalization;

namespace HeapTarget;

/// <summary>
/// Builds a heap with known counts of distinctive types, prints <c>ready</c>, then waits until stdin gives a line
/// or closes. Arguments: <c>--leaked N</c> (default 50,000 <see cref="LeakedItem"/>), <c>--pending N</c>
/// (default 2,000 parked <c>ParkAsync</c> calls), <c>--filler N</c> (default 0 <see cref="FillerNode"/>).
/// </summary>
internal static class Program
{
    // The static root the tests look for by declaring type and field name.
    private static readonly List<LeakedItem> s_leaked = [];
    private static FillerNode? s_filler;

    private static int Main(string[] args)
    {
        var leaked = ReadCount(args, "--leaked", 50_000);
        var pending = ReadCount(args, "--pending", 2_000);
        var filler = ReadCount(args, "--filler", 0);

        for (var i = 0; i < leaked; i++)
        {
            s_leaked.Add(new LeakedItem(i));
        }

        PendingWork.Start(pending);

        for (var i = 0; i < filler; i++)
        {
            s_filler = new FillerNode(s_filler);
        }

        Console.WriteLine("ready");
        Console.Out.Flush();
        _ = Console.In.ReadLine();

        GC.KeepAlive(s_filler);
        return s_leaked.Count == leaked ? 0 : 1;
    }

    private static int ReadCount(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
