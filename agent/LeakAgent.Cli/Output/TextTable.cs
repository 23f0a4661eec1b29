namespace LeakAgent.Cli.Output;

/// <summary>
/// A text table: numeric columns right-aligned to their widest cell, the last column (a type name) left as is.
/// Rows are buffered so widths fit the data.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table; the last header names the free-text column.</summary>
    public TextTable(params string[] headers) => _headers = headers;

    /// <summary>Columns (by index) to left-align, e.g. a process name; numbers stay right-aligned.</summary>
    public ISet<int> LeftAligned { get; } = new HashSet<int>();

    /// <summary>Adds a row with one cell per header.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the header and the rows.</summary>
    public void Write(TextWriter output)
    {
        int columns = _headers.Length;
        var widths = new int[columns];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (int c = 0; c < columns - 1; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (var row in _rows.Prepend(_headers))
        {
            for (int c = 0; c < columns - 1; c++)
            {
                output.Write(LeftAligned.Contains(c) ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
                output.Write("  ");
            }

            output.WriteLine(row[columns - 1]);
        }
    }
}
