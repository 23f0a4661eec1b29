using System.Globalization;
using System.CommandLine;
using LeakAgent.Cli.Dumps;
using LeakAgent.Cli.Output;
using LeakAgent.Snapshots.Analysis;

namespace LeakAgent.Cli.Commands;

/// <summary>
/// <c>leakagent suspects DUMP [--baseline DUMP]</c>: what retains the most (with the root path to where the bytes
/// pile up) and pending async operations grouped by method.
/// </summary>
internal static class SuspectsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dump = CommonOptions.Dump("dump", "The .gcdump file to explain, a folder (its newest .gcdump, e.g. the agent's dump folder), or an s3://, azblob:// or blob URL (an object, or a folder: its newest .gcdump).");
        var baseline = new Option<string>("--baseline", "-b")
        {
            Description = "An earlier .gcdump of the same process: rank suspects by growth since then.",
            HelpName = "dump",
        };
        var top = CommonOptions.Top(5, "retainers and async methods");
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json);
        var includeAgent = new Option<bool>("--include-agent")
        {
            Description = "Keep LeakAgent's own objects (a dump the agent took of its own process holds them) among the suspects.",
        };
        var allPending = new Option<bool>("--all-pending")
        {
            Description = "Also list async methods that are always pending in a healthy server (Kestrel's accept and receive loops, the host waiting for shutdown, the agent's IPC).",
        };
        var command = new Command("suspects", "Explain a gcdump: the objects and static fields that retain the most, the shortest path from a root to each, and pending async operations by method.")
        {
            dump, baseline, top, format, includeAgent, allPending,
        };
        command.SetAction(parseResult =>
        {
            string path = DumpLoader.Resolve(parseResult.GetRequiredValue(dump));
            string? baselinePath = parseResult.GetValue(baseline);
            var output = parseResult.InvocationConfiguration.Output;
            var loaded = DumpLoader.Load(path);
            var baselineGraph = baselinePath is null ? null : DumpLoader.Load(baselinePath).Graph;
            var dominators = DominatorTree.Compute(loaded.Graph);
            var agent = parseResult.GetValue(includeAgent) ? ExcludedTypes.None(loaded.Graph) : ExcludedTypes.OfLeakAgent(loaded.Graph);
            var report = LeakSuspects.Analyze(dominators, baselineGraph, parseResult.GetValue(top), agent, parseResult.GetValue(allPending));
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                SuspectsJsonWriter.Write(output, path, baselinePath, dominators, report);
            }
            else
            {
                output.WriteLine(DumpSummary.Describe(path, loaded, DumpSummary.ObjectCount(loaded.Graph)));
                if (baselinePath is not null)
                {
                    output.WriteLine("baseline: " + baselinePath);
                }

                if (agent.ObjectCount > 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LeakAgent's own objects left out: {agent.ObjectCount:N0} objects, {agent.Bytes:N0} bytes (--include-agent keeps them)"));
                }

                SuspectsTextWriter.Write(output, dominators, report);
            }

            return 0;
        });
        return command;
    }
}
