using System.Diagnostics;
using System.Globalization;

namespace Es.TestKit;

/// <summary>
/// Several "hosts" on one machine: each host is a network namespace of its own with one
/// veth link to a Linux bridge, which lives in a further namespace (the hub) so that the
/// root namespace is never touched. Addresses come from a private test subnet that exists
/// only between these namespaces (no default route anywhere: nothing can leave them).
/// Every name carries a random prefix per lab, and <see cref="Dispose"/> removes exactly
/// the links and namespaces this lab created. Needs root and iproute2 (<c>ip netns</c>).
/// </summary>
public sealed class NetworkLab : IDisposable
{
    /// <summary>The test subnet's first three octets (a /24 that only exists inside the lab).</summary>
    public const string Subnet = "10.231.7";

    private readonly string _prefix;
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];

    private NetworkLab()
    {
        // Interface names are limited to 15 characters: "es" + 6 hex + a short suffix.
        _prefix = "es" + Guid.NewGuid().ToString("N")[..6];
        Hub = _prefix + "-hub";
    }

    /// <summary>The namespace holding the bridge and the hub ends of the veth pairs.</summary>
    public string Hub { get; }

    /// <summary>
    /// Builds the lab: a bridge in the hub and, per host name, a namespace with <c>lo</c> up
    /// and <c>eth0</c> at the next address of <see cref="Subnet"/> (.2, .3, …).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not root, or <c>ip netns</c> is not usable; the message says which.</exception>
    public static NetworkLab Create(params string[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        RequireRootAndIp();
        var lab = new NetworkLab();
        try
        {
            lab.AddNamespace(lab.Hub);
            string bridge = lab._prefix + "br";
            Ip("-n", lab.Hub, "link", "add", bridge, "type", "bridge");
            Ip("-n", lab.Hub, "link", "set", bridge, "up");
            for (int i = 0; i < hosts.Length; i++)
            {
                string ns = $"{lab._prefix}-{hosts[i]}";
                string hubEnd = $"{lab._prefix}v{i}";
                string address = $"{Subnet}.{i + 2}";
                lab.AddNamespace(ns);
                Ip("-n", lab.Hub, "link", "add", hubEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
                lab._links.Add(hubEnd);
                Ip("-n", lab.Hub, "link", "set", hubEnd, "master", bridge, "up");
                Ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
                Ip("-n", ns, "link", "set", "eth0", "up");
                lab._hosts.Add(hosts[i], new Host(ns, address, hubEnd));
            }

            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>The namespace of <paramref name="host"/> (for <c>ip netns exec</c>).</summary>
    public string Namespace(string host) => _hosts[host].Namespace;

    /// <summary>The address of <paramref name="host"/> in the test subnet.</summary>
    public string Address(string host) => _hosts[host].Address;

    /// <summary>Pulls <paramref name="host"/>'s cable: its veth end on the bridge goes down, so its packets are silently lost (no reset, no close).</summary>
    public void Cut(string host) => Ip("-n", Hub, "link", "set", _hosts[host].HubEnd, "down");

    /// <summary>Plugs <paramref name="host"/>'s cable back in.</summary>
    public void Restore(string host) => Ip("-n", Hub, "link", "set", _hosts[host].HubEnd, "up");

    /// <summary>Deletes the links and namespaces this lab created, by name (stop the processes inside first).</summary>
    public void Dispose()
    {
        foreach (var link in _links)
        {
            TryIp("-n", Hub, "link", "del", link);
        }

        _links.Clear();
        for (int i = _namespaces.Count - 1; i >= 0; i--)
        {
            TryIp("netns", "del", _namespaces[i]);
        }

        _namespaces.Clear();
    }

    private void AddNamespace(string ns)
    {
        Ip("netns", "add", ns);
        _namespaces.Add(ns);
        Ip("-n", ns, "link", "set", "lo", "up");
    }

    private static void RequireRootAndIp()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "the multi-host tests build network namespaces and need root (CI runs them as root); run `sudo dotnet test` or `bash scripts/test.sh` as root");
        }

        try
        {
            Ip("netns", "list");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"the multi-host tests need iproute2's `ip netns` (apt-get install iproute2): {e.Message}", e);
        }
    }

    private static void TryIp(params string[] args)
    {
        try
        {
            Ip(args);
        }
        catch (InvalidOperationException)
        {
            // already gone (a namespace takes its veth ends with it)
        }
    }

    private static void Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new InvalidOperationException($"ip {string.Join(' ', args)} did not finish in 30 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ip {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result.Trim()}"));
        }
    }

    private sealed record Host(string Namespace, string Address, string HubEnd);
}
