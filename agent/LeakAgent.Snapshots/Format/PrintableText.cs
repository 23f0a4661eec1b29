using System.Globalization;
using System.Text;

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// Makes a name read from a dump safe to print: control characters (C0, DEL, C1: terminal escape sequences, line
/// breaks that would forge CSV rows or log lines) and bidirectional overrides become visible <c>\uXXXX</c> escapes.
/// No real type, module, process or machine name has them, so only a crafted dump is affected, and visibly.
/// </summary>
internal static class PrintableText
{
    /// <summary>The name itself when it is printable (the usual case, no allocation), else an escaped copy.</summary>
    public static string Clean(string text)
    {
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (NeedsEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
