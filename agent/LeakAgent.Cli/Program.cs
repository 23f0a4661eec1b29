using System.Text;
using LeakAgent.Cli;

// Type names and the suspects chains use non-ASCII (→, └); Windows consoles otherwise default to a code page.
if (OperatingSystem.IsWindows())
{
    Console.OutputEncoding = Encoding.UTF8;
}

return await CliApplication.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
