using System.CommandLine;
using LeakAgent.Cli.Dumps;
using LeakAgent.Cli.Output;
using LeakAgent.Snapshots.Analysis;

namespace LeakAgent.Cli.Commands;

/// <summary><c>leakagent report DUMP</c>: the type histogram (count, bytes, retained bytes).</summary>
internal static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dump = CommonOptions.Dump("dump", "The .gcdump file (ours or dotnet-gcdump's, from any OS), a folder (its newest .gcdump), or an s3://, azblob:// or blob URL (an object, or a folder: its newest .gcdump).");
        var top = CommonOptions.TopOrAll("types");
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv);
        // A string option, so that the help shows the words the parser accepts (an enum shows its member names).
        var sort = new Option<string>("--sort", "-s")
        {
            Description = "Sort by bytes, retained (retained bytes) or count.",
            DefaultValueFactory = _ => "bytes",
            HelpName = "bytes|retained|count",
        };
        sort.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Order(result.Tokens[0].Value) is null)
            {
                result.AddError($"'{result.Tokens[0].Value}' is not a sort order: use bytes, retained or count.");
            }
        });
        var command = new Command("report", "Show the type histogram of a gcdump: object count, total bytes and retained bytes per type.")
        {
            dump, top, format, sort,
        };
        command.SetAction(parseResult =>
        {
            string path = DumpLoader.Resolve(parseResult.GetRequiredValue(dump));
            var output = parseResult.InvocationConfiguration.Output;
            var loaded = DumpLoader.Load(path);
            var graph = loaded.Graph;
            var dominators = DominatorTree.Compute(graph);
            var order = Order(parseResult.GetValue(sort) ?? "bytes") ?? HistogramOrder.Bytes;
            var rows = TypeHistogram.Compute(graph, dominators, order, parseResult.GetValue(top) ?? int.MaxValue);
            var objects = DumpSummary.ObjectCount(graph);
            switch (parseResult.GetValue(format))
            {
                case OutputFormat.Json:
                    HistogramWriter.WriteJson(output, path, loaded, objects, rows);
                    break;
                case OutputFormat.Csv:
                    HistogramWriter.WriteCsv(output, rows);
                    break;
                default:
                    output.WriteLine(DumpSummary.Describe(path, loaded, objects));
                    output.WriteLine();
                    HistogramWriter.WriteText(output, rows);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static HistogramOrder? Order(string value) => value.ToLowerInvariant() switch
    {
        "bytes" => HistogramOrder.Bytes,
        "retained" => HistogramOrder.RetainedBytes,
        "count" => HistogramOrder.Count,
        _ => null,
    };
}
