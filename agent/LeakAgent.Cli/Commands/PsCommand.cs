using System.CommandLine;
using LeakAgent.Cli.Output;
using LeakAgent.Cli.Processes;

namespace LeakAgent.Cli.Commands;

/// <summary><c>leakagent ps</c>: the .NET processes that can be diagnosed (collect -p PID).</summary>
internal static class PsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("ps", "List the .NET processes that can be diagnosed: pid, name and command line.")
        {
            format,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            // This very process publishes an endpoint too; listing it would only confuse.
            var processes = DotNetProcesses.List().Where(p => p.ProcessId != Environment.ProcessId).ToList();
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                Json.Write(output, json =>
                {
                    json.WriteStartArray();
                    foreach (var process in processes)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("pid", process.ProcessId);
                        json.WriteString("name", process.Name);
                        json.WriteString("commandLine", process.CommandLine);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                return 0;
            }

            var table = new TextTable("PID", "Name", "Command line");
            table.LeftAligned.Add(1);
            foreach (var process in processes)
            {
                table.Add(process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), process.Name, process.CommandLine);
            }

            table.Write(output);
            return 0;
        });
        return command;
    }
}
