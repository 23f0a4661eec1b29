using System.CommandLine;
using System.Text.RegularExpressions;

namespace LeakAgent.Cli.Launch;

/// <summary>
/// The agent settings that <c>run</c> and <c>env</c> both accept, and how they map to the agent's environment
/// variables (docs/configuration.md). Values pass through as typed: the agent parses units and reports bad values.
/// </summary>
internal sealed partial class AgentSettingsOptions
{
    private readonly (Option<string> Option, string Variable)[] _mapped;

    /// <summary>Creates the options.</summary>
    public AgentSettingsOptions()
    {
        _mapped =
        [
            (Named("--dump-dir", "Where automatic gcdumps and their reports are written (LEAKAGENT_DUMP_DIR).", "dir"), "LEAKAGENT_DUMP_DIR"),
            (Named("--heap-window", "The window the heap slope is fitted over, e.g. 10m (LEAKAGENT_HEAP_WINDOW).", "duration"), "LEAKAGENT_HEAP_WINDOW"),
            (Named("--heap-threshold", "The heap growth that counts as a leak, e.g. 5MB/min (LEAKAGENT_HEAP_GROWTH_THRESHOLD).", "rate"), "LEAKAGENT_HEAP_GROWTH_THRESHOLD"),
            (Named("--otlp-endpoint", "The OTLP endpoint to export to, e.g. http://localhost:4317 (OTEL_EXPORTER_OTLP_ENDPOINT).", "url"), "OTEL_EXPORTER_OTLP_ENDPOINT"),
            (Named("--service-name", "The service name on exported telemetry and dump file names (OTEL_SERVICE_NAME).", "name"), "OTEL_SERVICE_NAME"),
        ];
        Set = new Option<string[]>("--set")
        {
            Description = "Any other agent setting as KEY=VALUE, e.g. --set LEAKAGENT_DUMP_COOLDOWN=30m; repeatable.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        Set.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TryParseAssignment(token.Value, out _, out _))
                {
                    result.AddError($"--set expects KEY=VALUE with an environment variable name as KEY, not '{token.Value}'.");
                }
            }
        });
    }

    /// <summary>The generic <c>--set KEY=VALUE</c> option.</summary>
    public Option<string[]> Set { get; }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => _mapped.Select(m => (Option)m.Option).Append(Set);

    /// <summary>The variables the user asked for, in option order; <c>--set</c> wins over a named option.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="makePathsAbsolute">Whether to resolve <c>--dump-dir</c> against the current folder (run: yes; env: the path is inside an image).</param>
    public IReadOnlyList<KeyValuePair<string, string>> Read(ParseResult parseResult, bool makePathsAbsolute)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (option, variable) in _mapped)
        {
            if (parseResult.GetValue(option) is { } value)
            {
                if (makePathsAbsolute && variable == "LEAKAGENT_DUMP_DIR")
                {
                    value = Path.GetFullPath(value);
                }

                Put(result, variable, value);
            }
        }

        foreach (var assignment in parseResult.GetValue(Set) ?? [])
        {
            if (TryParseAssignment(assignment, out string key, out string value))
            {
                Put(result, key, value);
            }
        }

        return result;
    }

    private static void Put(List<KeyValuePair<string, string>> list, string key, string value)
    {
        list.RemoveAll(pair => pair.Key == key);
        list.Add(new(key, value));
    }

    private static bool TryParseAssignment(string text, out string key, out string value)
    {
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        key = equals > 0 ? text[..equals] : string.Empty;
        value = equals > 0 ? text[(equals + 1)..] : string.Empty;
        return equals > 0 && VariableName().IsMatch(key);
    }

    private static Option<string> Named(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
