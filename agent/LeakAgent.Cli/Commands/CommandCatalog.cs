using System.CommandLine;

namespace LeakAgent.Cli.Commands;

/// <summary>The <c>leakagent</c> command tree.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the root command with every subcommand.</summary>
    public static RootCommand CreateRoot() => new("LeakAgent: run .NET apps under the leak agent, take heap snapshots, and read, diff and explain .gcdump files.")
    {
        RunCommand.Create(),
        EnvCommand.Create(),
        PsCommand.Create(),
        CollectCommand.Create(),
        ReportCommand.Create(),
        DiffCommand.Create(),
        SuspectsCommand.Create(),
        SynthCommand.Create(),
        WatchCommand.Create(),
    };
}
