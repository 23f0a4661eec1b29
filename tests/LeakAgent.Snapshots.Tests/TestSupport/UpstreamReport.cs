using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakAgent.Snapshots.Tests.TestSupport;

/// <summary>One row of upstream's <c>dotnet-gcdump report</c>: the size of ONE instance, the count, type, module file.</summary>
internal sealed record UpstreamReportRow(long InstanceBytes, int Count, string Type, string Module);

/// <summary>Parses upstream's report text (fixtures/seeds.report.txt).</summary>
internal static partial class UpstreamReport
{
    public static (long TotalBytes, int Objects, List<UpstreamReportRow> Rows) Parse(string path)
    {
        var lines = File.ReadAllLines(path);
        long total = 0;
        int objects = 0;
        var rows = new List<UpstreamReportRow>();
        foreach (var line in lines)
        {
            var row = Row().Match(line);
            if (row.Success)
            {
                rows.Add(new UpstreamReportRow(Number(row.Groups[1].Value), (int)Number(row.Groups[2].Value), row.Groups[3].Value, row.Groups[4].Value));
            }
            else if (line.EndsWith("GC Heap bytes", StringComparison.Ordinal))
            {
                total = Number(line.Trim().Split(' ')[0]);
            }
            else if (line.EndsWith("GC Heap objects", StringComparison.Ordinal))
            {
                objects = (int)Number(line.Trim().Split(' ')[0]);
            }
        }
        return (total, objects, rows);
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)  \[(.+)\]$")]
    private static partial Regex Row();
}
