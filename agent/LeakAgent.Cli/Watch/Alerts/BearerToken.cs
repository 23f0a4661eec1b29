using System.Security.Cryptography;
using System.Text;

namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>Checks an <c>Authorization: Bearer …</c> header against the configured token in constant time.</summary>
internal sealed class BearerToken
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _expected;

    public BearerToken(string token) => _expected = Encoding.UTF8.GetBytes(token);

    /// <summary>Null when the header carries the token, else why not (for the 401 log line; never the token itself).</summary>
    public string? Reject(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return "no Authorization header";
        }

        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "the Authorization header is not a Bearer token";
        }

        var given = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _expected) ? null : "wrong bearer token";
    }
}
