using System.CommandLine;
using LeakAgent.Cli.Dumps;
using LeakAgent.Cli.Output;
using LeakAgent.Snapshots.Analysis;

namespace LeakAgent.Cli.Commands;

/// <summary><c>leakagent diff BEFORE AFTER</c>: growth by type, biggest byte growth first.</summary>
internal static class DiffCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var before = CommonOptions.Dump("before", "The earlier .gcdump (a file, or an s3://, azblob:// or blob URL).");
        var after = CommonOptions.Dump("after", "The later .gcdump (types are matched by name, so dumps of different processes compare).");
        var top = CommonOptions.Top(20, "types");
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv);
        var command = new Command("diff", "Compare two gcdumps: growth in object count and bytes per type, biggest growth first.")
        {
            before, after, top, format,
        };
        command.SetAction(parseResult =>
        {
            string beforePath = parseResult.GetRequiredValue(before);
            string afterPath = parseResult.GetRequiredValue(after);
            var output = parseResult.InvocationConfiguration.Output;
            var beforeDump = DumpLoader.Load(beforePath);
            var afterDump = DumpLoader.Load(afterPath);
            var rows = HeapDiff.Compare(beforeDump.Graph, afterDump.Graph, parseResult.GetValue(top));
            switch (parseResult.GetValue(format))
            {
                case OutputFormat.Json:
                    DiffWriter.WriteJson(output, beforePath, afterPath, beforeDump.Graph.TotalSize, afterDump.Graph.TotalSize, rows);
                    break;
                case OutputFormat.Csv:
                    DiffWriter.WriteCsv(output, rows);
                    break;
                default:
                    output.WriteLine("before: " + DumpSummary.Describe(beforePath, beforeDump, DumpSummary.ObjectCount(beforeDump.Graph)));
                    output.WriteLine("after:  " + DumpSummary.Describe(afterPath, afterDump, DumpSummary.ObjectCount(afterDump.Graph)));
                    output.WriteLine("growth: " + Numbers.SignedBytes(afterDump.Graph.TotalSize - beforeDump.Graph.TotalSize));
                    output.WriteLine();
                    DiffWriter.WriteText(output, rows);
                    break;
            }

            return 0;
        });
        return command;
    }
}
