namespace LeakAgent.Cli.Processes;

/// <summary>A .NET process that publishes a diagnostics endpoint.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Name">The process name, or empty if it could not be read.</param>
/// <param name="CommandLine">The command line, or empty if it could not be read.</param>
internal sealed record DotNetProcess(int ProcessId, string Name, string CommandLine);
