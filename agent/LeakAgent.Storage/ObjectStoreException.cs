namespace LeakAgent.Storage;

/// <summary>
/// An anticipated storage failure, as one line that never carries a credential (status, error code and the server's
/// first sentence), and whether trying again may help (a server down or overloaded: yes; refused credentials or a
/// missing bucket: no).
/// </summary>
internal sealed class ObjectStoreException : Exception
{
    public ObjectStoreException(string message, bool retryable, Exception? inner = null)
        : base(message, inner) => Retryable = retryable;

    public ObjectStoreException()
    {
    }

    public ObjectStoreException(string message)
        : base(message)
    {
    }

    public ObjectStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Retryable { get; }

    /// <summary>Retryable by HTTP status: throttling and server errors; anything else is the request's fault.</summary>
    public static bool RetryableStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>The first line of a server's message, shortened: SDK messages append headers and request ids.</summary>
    public static string FirstLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "no message";
        }

        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>Network-level failures every SDK surfaces alike (connection refused, DNS, a timeout): retryable.</summary>
    public static ObjectStoreException? FromTransport(Exception ex, string operation) => ex switch
    {
        HttpRequestException http => new ObjectStoreException($"{operation}: {FirstLine(http.InnerException?.Message ?? http.Message)}", retryable: true, ex),
        System.Net.Sockets.SocketException socket => new ObjectStoreException($"{operation}: {FirstLine(socket.Message)}", retryable: true, ex),
        IOException io => new ObjectStoreException($"{operation}: {FirstLine(io.Message)}", retryable: true, ex),
        TimeoutException or TaskCanceledException => new ObjectStoreException($"{operation}: timed out", retryable: true, ex),
        _ => null,
    };
}
