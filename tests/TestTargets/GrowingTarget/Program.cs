using System.Globalization;

namespace GrowingTarget;

/// <summary>
/// Prints <c>ready</c>, then for every line read on stdin adds N <see cref="LeakedRecord"/>s (N = the line's number,
/// default 10,000) to a static list and prints <c>grown TOTAL</c>. Ends when stdin closes.
/// </summary>
internal static class Program
{
    private static readonly List<LeakedRecord> s_records = [];

    private static int Main()
    {
        Console.WriteLine("ready");
        while (Console.In.ReadLine() is { } line)
        {
            int count = int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 10_000;
            for (int i = 0; i < count; i++)
            {
                s_records.Add(new LeakedRecord(s_records.Count));
            }

            Console.WriteLine("grown " + s_records.Count.ToString(CultureInfo.InvariantCulture));
        }

        return 0;
    }
}
