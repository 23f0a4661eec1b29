using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LeakAgent.Cli.Watch.Alerts;

/// <summary>
/// The webhook's <c>host:port</c>: an IP address (or <c>*</c> for every interface) and a port; port 0 picks a
/// free one (tests, and people who read the start-up line).
/// </summary>
internal sealed record WebhookAddress(string Host, int Port)
{
    public static bool TryParse(string text, out WebhookAddress address)
    {
        address = new WebhookAddress(string.Empty, 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host is not ("*" or "+") && !IPAddress.TryParse(host, out _))
        {
            return false;
        }

        address = new WebhookAddress(host, port);
        return true;
    }

    /// <summary>The HttpListener prefix, with a free port chosen when the port is 0.</summary>
    public string Prefix()
    {
        var port = Port == 0 ? FreePort() : Port;
        var host = Host switch
        {
            "*" or "+" or "0.0.0.0" or "::" => "+",
            _ when Host.Contains(':', StringComparison.Ordinal) => "[" + Host + "]",
            _ => Host,
        };
        return string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/");
    }

    private int FreePort()
    {
        var bind = Host is "*" or "+" ? IPAddress.Any : IPAddress.Parse(Host);
        using var probe = new TcpListener(bind, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
