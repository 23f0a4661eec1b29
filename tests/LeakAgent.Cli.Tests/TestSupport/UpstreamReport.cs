using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakAgent.Cli.Tests.TestSupport;

/// <summary>One row of upstream's <c>dotnet-gcdump report</c>: size of ONE instance, count, type, module file.</summary>
internal sealed record UpstreamReportRow(long InstanceBytes, int Count, string Type, string Module);

/// <summary>Parses upstream's report text (fixtures/seeds.report.txt).</summary>
internal static partial class UpstreamReport
{
    public static List<UpstreamReportRow> Parse(string path) =>
        File.ReadLines(path)
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => new UpstreamReportRow(Number(match.Groups[1].Value), (int)Number(match.Groups[2].Value), match.Groups[3].Value, match.Groups[4].Value))
            .ToList();

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)  \[(.+)\]$")]
    private static partial Regex Row();
}
