namespace LeakAgent.Cli.Output;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people.</summary>
    Text,

    /// <summary>One JSON document for scripts.</summary>
    Json,

    /// <summary>Comma-separated values with a header row, for spreadsheets.</summary>
    Csv,
}
