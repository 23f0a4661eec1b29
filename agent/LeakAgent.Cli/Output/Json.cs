using System.Text;
using System.Text.Json;

namespace LeakAgent.Cli.Output;

/// <summary>Writes one indented JSON document to a <see cref="TextWriter"/>.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        // Type names hold '<', '>' and '+': keep them readable rather than \u003C-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> against a JSON writer and copies the document to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
