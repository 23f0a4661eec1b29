namespace LeakAgent.Snapshots.Format;

/// <summary>
/// The one exception the gcdump reader throws for bad input: not a gcdump, truncated, a newer or unsupported
/// version, or corrupt data. The message says which, and where in the file.
/// </summary>
public sealed class GcDumpFormatException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public GcDumpFormatException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the file.</param>
    public GcDumpFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the file.</param>
    /// <param name="innerException">The cause.</param>
    public GcDumpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
