using System.CommandLine;
using System.Net;
using LeakAgent.Cli.Errors;
using LeakAgent.Cli.Watch;
using LeakAgent.Cli.Watch.Alerts;
using LeakAgent.Cli.Watch.Targets;
using LeakAgent.Detection.Configuration;

namespace LeakAgent.Cli.Commands;

/// <summary>
/// <c>leakagent watch (--pid PID | --name NAME | --all)</c>: the sidecar. Watches .NET processes from outside,
/// runs the heap-slope detector on their GC events, and takes gcdumps on its own detection or on an Alertmanager
/// webhook. Runs until SIGTERM or Ctrl-C (exit 0).
/// </summary>
internal static class WatchCommand
{
    /// <summary>Each option stands for the variable it overrides, so options and environment are one set of settings.</summary>
    private static readonly (string Name, string Key, string Description, string HelpName)[] s_settings =
    [
        ("--dump-dir", ConfigurationKeys.DumpDirectory, "Where dumps and leak reports go (default: $TMPDIR/leakagent).", "dir"),
        ("--poll-interval", ConfigurationKeys.HeapPollInterval, "How often the heap slope is re-evaluated (default 5s).", "duration"),
        ("--window", ConfigurationKeys.HeapWindow, "The window the slope is fitted over (default 10m).", "duration"),
        ("--threshold", ConfigurationKeys.HeapGrowthThreshold, "The growth rate above which a leak is suspected (default 1MB/min).", "rate"),
        ("--cooldown", ConfigurationKeys.DumpCooldown, "The least time between two dumps of one process (default 30m).", "duration"),
        ("--max-dumps", ConfigurationKeys.DumpMaxCount, "The most dumps kept in the dump folder (default 5).", "N"),
        ("--scan-interval", ConfigurationKeys.WatchScanInterval, "How often to look for processes starting and exiting (default 5s).", "duration"),
        ("--listen", ConfigurationKeys.WatchListen, "The alert webhook's address, host:port (default " + WatchOptions.DefaultListen + "; needs a token).", "host:port"),
        ("--token-file", ConfigurationKeys.WatchTokenFile, "A file holding the webhook's bearer token (or set LEAKAGENT_WATCH_TOKEN).", "file"),
    ];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var processIds = new Option<int[]>("--pid", "-p")
        {
            Description = "Watch this process (repeat for more).",
            HelpName = "pid",
        };
        var name = new Option<string>("--name")
        {
            Description = "Watch every process with this process or service name, as they start and exit.",
            HelpName = "name",
        };
        var all = new Option<bool>("--all")
        {
            Description = "Watch every .NET process whose diagnostics socket is in the temp folder (the sidecar).",
        };
        var noAutoDump = new Option<bool>("--no-auto-dump")
        {
            Description = "Only dump on alerts, not on the watch's own detection (LEAKAGENT_DUMP=off).",
        };
        var noInducedGc = new Option<bool>("--no-induced-gc")
        {
            Description = "Never induce a full GC in a target that runs too few of them for a verdict (LEAKAGENT_WATCH_INDUCE_GC=off).",
        };
        var settings = s_settings.Select(s => (s.Key, Option: new Option<string>(s.Name) { Description = s.Description, HelpName = s.HelpName })).ToList();
        var command = new Command("watch", "Watch .NET processes from outside: detect heap leaks over EventPipe and take gcdumps on detection or on an Alertmanager webhook.")
        {
            processIds, name, all, noAutoDump, noInducedGc,
        };
        foreach (var (_, option) in settings)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var selector = Selector(parseResult.GetValue(processIds) ?? [], parseResult.GetValue(name), parseResult.GetValue(all));
            var values = new Dictionary<string, string?>(SettingsReader.EnvironmentSnapshot(), StringComparer.Ordinal);
            var fromOptions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, option) in settings)
            {
                if (parseResult.GetValue(option) is { } value)
                {
                    values[key] = value;
                    fromOptions.Add(key);
                }
            }

            if (parseResult.GetValue(noAutoDump))
            {
                values[ConfigurationKeys.Dump] = "off";
                fromOptions.Add(ConfigurationKeys.Dump);
            }

            if (parseResult.GetValue(noInducedGc))
            {
                values[ConfigurationKeys.WatchInduceGc] = "off";
                fromOptions.Add(ConfigurationKeys.WatchInduceGc);
            }

            var warnings = new List<string>();
            var reader = new SettingsReader(values, message =>
            {
                // A bad option is a usage error; a bad variable gets the agent's treatment: a line, and the default.
                var key = message.Split('=', 2)[0];
                if (fromOptions.Contains(key))
                {
                    var option = s_settings.FirstOrDefault(s => s.Key == key).Name ?? key;
                    throw new CliException($"{option}: {message[(key.Length + 1)..]}".Replace("; using the default", "; the default is", StringComparison.Ordinal));
                }

                warnings.Add(message);
            });
            var options = new WatchOptions(selector, reader);
            var webhook = StartWebhook(options);
            try
            {
                await WatchHost.RunAsync(options, reader, webhook, warnings, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                webhook?.Listener.Close();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static TargetSelector Selector(int[] ids, string? name, bool all)
    {
        var kinds = (ids.Length > 0 ? 1 : 0) + (name is not null ? 1 : 0) + (all ? 1 : 0);
        if (kinds != 1)
        {
            throw new CliException(kinds == 0
                ? "say what to watch: --pid PID, --name NAME or --all"
                : "--pid, --name and --all exclude each other: use one");
        }

        if (ids.Any(id => id < 1))
        {
            throw new CliException("--pid must be at least 1");
        }

        return ids.Length > 0 ? TargetSelector.ForIds(ids) : name is not null ? TargetSelector.ForName(name) : TargetSelector.ForAll();
    }

    /// <summary>The started listener and its token, or null when no token enables the webhook.</summary>
    private static (HttpListener Listener, BearerToken Token)? StartWebhook(WatchOptions options)
    {
        var token = Token(options);
        if (token is null)
        {
            return options.Listen is null
                ? null
                : throw new CliException($"--listen needs a bearer token: set {ConfigurationKeys.WatchToken} or --token-file (the webhook never runs without one)");
        }

        var text = options.Listen ?? WatchOptions.DefaultListen;
        if (!WebhookAddress.TryParse(text, out var address))
        {
            throw new CliException($"--listen '{text}' is not host:port with an IP address (or * for every interface), e.g. {WatchOptions.DefaultListen}");
        }

        var listener = new HttpListener();
        try
        {
            listener.Prefixes.Add(address.Prefix());
            listener.Start();
            return (listener, new BearerToken(token));
        }
        catch (HttpListenerException exception)
        {
            listener.Close();
            throw new CliException($"the alert webhook cannot listen on {text}: {exception.Message}", ExitCodes.ListenFailed, exception);
        }
    }

    private static string? Token(WatchOptions options)
    {
        if (options.Token is not null)
        {
            return options.Token;
        }

        if (options.TokenFile is null)
        {
            return null;
        }

        try
        {
            var token = File.ReadAllText(options.TokenFile).Trim();
            return token.Length > 0 ? token : throw new CliException($"the token file '{options.TokenFile}' is empty", ExitCodes.FileError);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the token file '{options.TokenFile}': {exception.Message}", ExitCodes.FileError, exception);
        }
    }
}
