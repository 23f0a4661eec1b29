using System.Text;

namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// Turns the runtime's type names into the names a .gcdump stores, following the rules dotnet-gcdump applies
/// (checked against the names in a dump it wrote) so that our dumps and theirs diff by type name.
/// </summary>
/// <remarks>
/// The runtime's heap-walk events name a generic type like <c>System.Collections.Generic.List`1[System.String]</c>
/// and a nested type by its own name only (<c>Entry`2[System.String,System.Object][]</c>). The gcdump form drops
/// every arity suffix (<c>`N</c>), turns <c>[</c> into <c>&lt;</c> and <c>]</c> into <c>&gt;</c>, then turns
/// <c>&lt;&gt;</c> back into <c>[]</c>: <c>List&lt;System.String&gt;</c>, <c>Entry&lt;System.String,System.Object&gt;[]</c>,
/// <c>&lt;&gt;c</c> → <c>[]c</c>, and (a quirk kept for compatibility) a 2-D array <c>System.String[,]</c> →
/// <c>System.String&lt;,&gt;</c>. The reflection form with assembly-qualified arguments
/// (<c>List`1[[System.String, System.Private.CoreLib, Version=…]]</c>) is accepted too: the assembly parts are
/// dropped first, which gives the runtime's form.
/// </remarks>
public static class TypeNameFormatter
{
    /// <summary>Objects larger than this many bytes get their own type with a size suffix.</summary>
    public const int LargeObjectThreshold = 1000;

    private static readonly string[] s_sizeSuffixes =
    [
        " (Bytes > 1K)", " (Bytes > 10K)", " (Bytes > 100K)", " (Bytes > 1M)", " (Bytes > 10M)", " (Bytes > 100M)",
    ];

    /// <summary>Converts a runtime type name to its gcdump form.</summary>
    /// <param name="runtimeName">The name as the runtime or reflection reports it.</param>
    /// <returns>The gcdump form of the name.</returns>
    public static string Format(string runtimeName)
    {
        ArgumentNullException.ThrowIfNull(runtimeName);
        var name = runtimeName.Contains("[[", StringComparison.Ordinal) ? StripAssemblyQualifiers(runtimeName) : runtimeName;
        var builder = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '`' && i + 1 < name.Length && char.IsAsciiDigit(name[i + 1]))
            {
                // Skip the arity digits.
                while (i + 1 < name.Length && char.IsAsciiDigit(name[i + 1]))
                {
                    i++;
                }
                continue;
            }
            builder.Append(c switch { '[' => '<', ']' => '>', _ => c });
        }
        return builder.Replace("<>", "[]").ToString();
    }

    /// <summary>
    /// The suffix that gives objects above <see cref="LargeObjectThreshold"/> bytes a type of their own, or an
    /// empty string for smaller objects: <c> (Bytes &gt; 1K)</c> up to <c> (Bytes &gt; 100M)</c>.
    /// </summary>
    /// <param name="size">The object's size in bytes.</param>
    /// <returns>The suffix, starting with a space, or an empty string.</returns>
    public static string SizeSuffix(long size) => BucketSuffix(SizeBucket(size));

    /// <summary>The suffix of a size bucket from <see cref="SizeBucket"/>.</summary>
    internal static string BucketSuffix(int bucket) => bucket > 0 ? s_sizeSuffixes[bucket - 1] : "";

    /// <summary>0 for objects up to 1000 bytes, 1 for (1000, 10000), 2 for [10000, 100000) ... 6 from 100,000,000.</summary>
    internal static int SizeBucket(long size)
    {
        if (size <= LargeObjectThreshold)
        {
            return 0;
        }
        int bucket = 1;
        for (long limit = 10_000; bucket < 6 && size >= limit; limit *= 10)
        {
            bucket++;
        }
        return bucket;
    }

    /// <summary>Removes ", Assembly, Version=…" parts from the arguments of an assembly-qualified generic name.</summary>
    private static string StripAssemblyQualifiers(string name)
    {
        var builder = new StringBuilder(name.Length);
        // Depth of '[' brackets, and for each depth whether it opened an assembly-qualified argument ("[[").
        var qualified = new Stack<bool>();
        bool skipping = false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '[')
            {
                bool isArgument = i > 0 && (name[i - 1] == '[' || name[i - 1] == ',') && qualified.Count > 0 && !qualified.Peek();
                qualified.Push(isArgument);
                if (!isArgument)
                {
                    builder.Append('[');
                }
                skipping = false;
            }
            else if (c == ']')
            {
                bool wasArgument = qualified.Count > 0 && qualified.Pop();
                if (!wasArgument)
                {
                    builder.Append(']');
                }
                skipping = false;
            }
            else if (c == ',' && qualified.Count > 0 && qualified.Peek())
            {
                // Inside "[Type, Assembly, Version=...]": everything after the first comma is the assembly.
                skipping = true;
            }
            else if (!skipping)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
