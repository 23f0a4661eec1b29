namespace LeakAgent.Cli.Output;

/// <summary>Writes RFC 4180 rows: type names such as <c>Entry&lt;System.String,System.Object&gt;[]</c> contain commas.</summary>
internal static class Csv
{
    /// <summary>Writes one row, quoting fields that need it.</summary>
    public static void WriteRow(TextWriter output, params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Escape(fields[i]));
        }

        // RFC 4180 ends rows with CRLF, but every tool also reads LF; a fixed ending keeps output identical across OSes.
        output.Write('\n');
    }

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
