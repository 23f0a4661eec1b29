using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LeakAgent.Cli.Errors;
using LeakAgent.Snapshots.Format;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Cli.Commands;

/// <summary>
/// <c>leakagent synth --objects N -o FILE</c> (hidden): writes a synthetic gcdump of N objects with the snapshot
/// library's generator, for the benchmarks in docs/benchmarks.md.
/// </summary>
internal static class SynthCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var objects = new Option<int>("--objects")
        {
            Description = "How many objects.",
            DefaultValueFactory = _ => 1_000_000,
        };
        CommonOptions.RequireAtLeast(objects, 16);
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "The .gcdump to write.", Required = true };
        var command = new Command("synth", "Write a synthetic gcdump (for benchmarks).")
        {
            objects, seed, output,
        };
        command.Hidden = true;
        command.SetAction(parseResult =>
        {
            var clock = Stopwatch.StartNew();
            var graph = SyntheticHeap.Create(parseResult.GetValue(objects), parseResult.GetValue(seed));
            string path = parseResult.GetRequiredValue(output);
            try
            {
                GcDumpWriter.Write(new GcDump(graph, new GcDumpMetadata { ProcessName = "synthetic", CreationTool = "leakagent synth" }), path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write '{path}': {exception.Message}", ExitCodes.FileError, exception);
            }

            parseResult.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}: {graph.NodeCount:N0} nodes, {graph.EdgeCount:N0} edges in {clock.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        });
        return command;
    }
}
