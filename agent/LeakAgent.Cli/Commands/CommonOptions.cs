using System.CommandLine;
using LeakAgent.Cli.Output;

namespace LeakAgent.Cli.Commands;

/// <summary>Options and arguments several commands share, so they are spelled and validated the same way.</summary>
internal static class CommonOptions
{
    /// <summary><c>--top N</c>: at most N rows; must be at least 1.</summary>
    public static Option<int> Top(int defaultValue, string what)
    {
        var option = new Option<int>("--top", "-n")
        {
            Description = $"Show at most this many {what}.",
            DefaultValueFactory = _ => defaultValue,
            HelpName = "N",
        };
        RequireAtLeast(option, 1);
        return option;
    }

    /// <summary>
    /// <c>--top N</c> with no limit unless given: null when absent. (A default of <see cref="int.MaxValue"/> would show
    /// in the help as <c>[default: 2147483647]</c>.)
    /// </summary>
    public static Option<int?> TopOrAll(string what)
    {
        var option = new Option<int?>("--top", "-n")
        {
            Description = $"Show at most this many {what} (default: all).",
            HelpName = "N",
        };
        RequireAtLeast(option, 1);
        return option;
    }

    /// <summary>
    /// Rejects values below <paramref name="minimum"/>. Reads the token itself: GetValueOrDefault throws when the
    /// token is not a number at all, and the parser already reports that case.
    /// </summary>
    public static void RequireAtLeast(Option option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out int value) && value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}.");
            }
        });
    }

    /// <summary><c>--format</c>, limited to <paramref name="allowed"/>; text by default.</summary>
    public static Option<OutputFormat> Format(params OutputFormat[] allowed)
    {
        var option = new Option<OutputFormat>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", allowed.Select(Name)) + ".",
            DefaultValueFactory = _ => OutputFormat.Text,
        };
        option.AcceptOnlyFromAmong(allowed.Select(Name).ToArray());
        return option;
    }

    /// <summary>A required .gcdump path argument.</summary>
    public static Argument<string> Dump(string name, string description)
    {
        var argument = new Argument<string>(name)
        {
            Description = description,
            HelpName = name,
        };

        // The parser takes an unknown option for the file name ("report --bogus" reads a file "--bogus"): say what it is.
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !File.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        return argument;
    }

    private static string Name(OutputFormat format) => format.ToString().ToLowerInvariant();
}
