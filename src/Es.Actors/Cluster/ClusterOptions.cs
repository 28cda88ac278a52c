using System.Text;
using Akka.Configuration;

namespace Es.Actors.Cluster;

/// <summary>
/// How a process takes part in the cluster, from the command line; <see cref="ToConfig"/>
/// writes it as the HOCON keys Akka users know (<c>akka.remote.dot-netty.tcp.hostname</c>,
/// <c>port</c>, <c>public-hostname</c>, <c>akka.cluster.seed-nodes</c>, <c>roles</c>, TLS).
/// </summary>
/// <param name="Listen">Where to bind.</param>
/// <param name="PublicHost">The name other nodes reach this one by (default: the bind host; never 0.0.0.0).</param>
/// <param name="SeedNodes">Seed nodes to join (empty: this node is the first seed and joins itself).</param>
/// <param name="Coordinator">True for seed nodes: they may hold the coordinator singleton.</param>
/// <param name="Tls">TLS settings, or null for plain TCP.</param>
public sealed record ClusterOptions(ClusterEndpoint Listen, string? PublicHost, IReadOnlyList<ClusterEndpoint> SeedNodes, bool Coordinator, TlsOptions? Tls = null)
{
    /// <summary>The embedded defaults of every cluster node (failure detection, downing, serializer).</summary>
    public const string Defaults = """
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp {
            maximum-frame-size = 128000b
          }
          cluster {
            downing-provider-class = "Es.Actors.Cluster.CoordinatorFirstDowning, Es.Actors"
            run-coordinated-shutdown-when-down = on
            retry-unsuccessful-join-after = 2s
            shutdown-after-unsuccessful-join-seed-nodes = off
            singleton.hand-over-retry-interval = 1s
            singleton-proxy.singleton-identification-interval = 1s
            log-info-verbose = off
            # Akka's 3 s lets a loaded machine's GC pauses and starved threads look like a dead node.
            failure-detector.acceptable-heartbeat-pause = 6s
          }
          coordinated-shutdown.exit-clr = off
        }
        es.cluster {
          # Reachability unchanged this long before a side of a partition decides (CoordinatorFirstDowning).
          downing.stable-after = 5s
          # A pool unreachable this long has its tasks put back for the others (it may come back).
          unreachable-deadline = 3s
        }
        """;

    /// <summary>The advertised host: the public name, else the bind host unless that is a wildcard.</summary>
    public string AdvertisedHost => PublicHost ?? (Listen.Host is "0.0.0.0" or "::" ? System.Net.Dns.GetHostName() : Listen.Host);

    /// <summary>
    /// A first seed on port 0 (any free port): its address is known only once bound, so it
    /// has no seed-nodes entry and joins itself then (<c>Cluster.Join(SelfAddress)</c>).
    /// </summary>
    public bool JoinsItselfOnceBound => SeedNodes.Count == 0 && Listen.Port == 0;

    /// <summary>
    /// This node's cluster settings as HOCON: the flags, over <paramref name="below"/> (the user's
    /// <c>akka</c> section and the run's persistence), over the serializer binding and <see cref="Defaults"/>.
    /// </summary>
    public Config ToConfig(Config? below = null)
    {
        var seeds = SeedNodes.Count > 0 ? SeedNodes : [new ClusterEndpoint(AdvertisedHost, Listen.Port)];
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.remote.dot-netty.tcp {");
        hocon.AppendLine($"  hostname = {Quote(Listen.Host)}");
        hocon.AppendLine($"  port = {Listen.Port}");
        hocon.AppendLine($"  public-hostname = {Quote(AdvertisedHost)}");
        if (Tls is not null)
        {
            // The certificate and its validation come from ClusterTls.Setup: no password in the config.
            hocon.AppendLine("  enable-ssl = on");
        }

        hocon.AppendLine("}");
        if (!JoinsItselfOnceBound)
        {
            hocon.AppendLine($"akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(s => Quote(s.AkkaAddress(Tls is not null))))}]");
        }

        hocon.AppendLine($"akka.cluster.roles = [{(Coordinator ? Quote(ClusterProtocol.CoordinatorRole) : string.Empty)}]");
        var flags = ConfigurationFactory.ParseString(hocon.ToString());
        if (below is not null)
        {
            flags = flags.WithFallback(below);
        }

        return flags
            .WithFallback(ConfigurationFactory.ParseString(ClusterMessageSerializer.Binding))
            .WithFallback(ConfigurationFactory.ParseString(Defaults));
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Remoting over TLS (DotNetty's SSL): the node's certificate, a PKCS#12 file.</summary>
/// <param name="CertificatePath">The certificate file (with its private key).</param>
/// <param name="Password">Its password (read from a file or the environment, never from the command line, never logged).</param>
public sealed record TlsOptions(string CertificatePath, string Password)
{
    /// <inheritdoc/>
    public override string ToString() => $"TlsOptions {{ CertificatePath = {CertificatePath} }}";
}
