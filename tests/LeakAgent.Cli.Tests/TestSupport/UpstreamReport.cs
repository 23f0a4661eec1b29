using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>One row of upstream's <c>dotnet-gcdump report</c>: size of ONE instance, count, type, module file.</summary>
internal sealed record UpstreamReportRow(long InstanceBytes, int Count, string Type, string Module);

/// <summary>Parses upstream's report text (tests/fixtures/seeds.report.txt, or dotnet-gcdump report's output).</summary>
internal static partial class UpstreamReport
{
    public static List<UpstreamReportRow> Parse(string path) => ParseLines(File.ReadLines(path));

    public static List<UpstreamReportRow> ParseText(string text) => ParseLines(text.Split('\n').Select(l => l.TrimEnd('\r')));

    /// <summary>
    /// The header's "GC Heap bytes" total. (Its "GC Heap objects" counts graph nodes, root pseudo-nodes included, so
    /// the object count to compare is the sum of the rows' counts.)
    /// </summary>
    public static long HeapBytes(string text) => Number(HeapBytesLine().Match(text) is { Success: true } m ? m.Groups[1].Value : throw new FormatException("no 'GC Heap bytes' line in: " + text));

    private static List<UpstreamReportRow> ParseLines(IEnumerable<string> lines) =>
        lines
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => new UpstreamReportRow(Number(match.Groups[1].Value), (int)Number(match.Groups[2].Value), match.Groups[3].Value, match.Groups[4].Value))
            .ToList();

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)  \[(.+)\]$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes\s*$", RegexOptions.Multiline)]
    private static partial Regex HeapBytesLine();
}
