using System.Globalization;
using System.Net;

namespace Es.Dashboard.Server;

/// <summary>Where the dashboard listens: <c>[HOST:]PORT</c>, loopback unless a host is given.</summary>
/// <param name="Address">The address to bind.</param>
/// <param name="Port">The TCP port (0: any free port).</param>
public sealed record DashboardEndpoint(IPAddress Address, int Port)
{
    /// <summary>What the value must look like, for error messages.</summary>
    public const string Expected = "expected [HOST:]PORT, e.g. 8080, 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080 (PORT 0-65535; HOST an IP address, localhost or *)";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The value is not <c>[HOST:]PORT</c>; the message says what was expected.</exception>
    public static DashboardEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string host;
        string port;
        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            host = string.Empty;
            port = text;
        }
        else
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > IPEndPoint.MaxPort)
        {
            throw new FormatException($"{Expected}, got '{text}'");
        }

        return new DashboardEndpoint(Host(host, text), number);
    }

    /// <summary>The URL a browser on this machine opens (the loopback address when bound to every interface).</summary>
    public string Url(int boundPort)
    {
        var address = Address.Equals(IPAddress.Any) ? IPAddress.Loopback : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : Address;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"http://{host}:{boundPort}/");
    }

    private static IPAddress Host(string host, string text)
    {
        if (host.Length == 0 || host == "localhost")
        {
            return IPAddress.Loopback;
        }

        if (host == "*")
        {
            return IPAddress.Any;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"{Expected} (an IPv6 HOST goes in brackets), got '{text}'");
        }

        return IPAddress.TryParse(host, out var address) ? address : throw new FormatException($"{Expected}, got '{text}'");
    }
}
