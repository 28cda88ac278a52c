using RabbitMQ.Client;

namespace Es.Actors.Cluster;

/// <summary>
/// The broker objects of a run. One run per virtual host, with fixed names:
/// <list type="bullet">
/// <item><c>es.tasks</c>: quorum work queue of tasks, <c>x-delivery-limit</c>, dead-lettered to <c>es.dead</c>;</item>
/// <item><c>es.results</c>: quorum queue of results, consumed by the active coordinator;</item>
/// <item><c>es.coordinator</c>: joins, heartbeats and leaves, consumed by the active coordinator;</item>
/// <item><c>es.leader</c>: classic queue with <c>x-single-active-consumer</c> holding leadership tokens: the seed that holds one is the coordinator, the others wait;</item>
/// <item><c>es.generations</c>: fanout exchange of generation broadcasts, one exclusive auto-delete queue <c>es.node.ID</c> per node (also where its welcome arrives);</item>
/// <item><c>es.dead</c>: fanout dead-letter exchange and its quorum queue: poison tasks and malformed messages, counted by the coordinator.</item>
/// </list>
/// Every side declares what it uses with the same arguments, so the first one to connect creates it.
/// </summary>
public static class ClusterTopology
{
    /// <summary>The work queue.</summary>
    public const string Tasks = "es.tasks";

    /// <summary>The results queue.</summary>
    public const string Results = "es.results";

    /// <summary>The coordinator's control queue.</summary>
    public const string Coordinator = "es.coordinator";

    /// <summary>The leadership queue (single active consumer).</summary>
    public const string Leader = "es.leader";

    /// <summary>The generation broadcast exchange.</summary>
    public const string Generations = "es.generations";

    /// <summary>The dead-letter exchange and queue.</summary>
    public const string Dead = "es.dead";

    /// <summary>Deliveries of one task before it is dead-lettered as poison.</summary>
    public const int DeliveryLimit = 20;

    /// <summary>The queue of node <paramref name="nodeId"/>.</summary>
    public static string NodeQueue(string nodeId) => "es.node." + nodeId;

    /// <summary>Declares the shared objects (idempotent).</summary>
    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.ExchangeDeclareAsync(Dead, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Dead, durable: true, exclusive: false, autoDelete: false, Quorum(deadLetter: false), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(Dead, Dead, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Tasks, durable: true, exclusive: false, autoDelete: false, Quorum(deadLetter: true), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Results, durable: true, exclusive: false, autoDelete: false, Quorum(deadLetter: true), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Coordinator, durable: true, exclusive: false, autoDelete: false, Quorum(deadLetter: true), cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(
            Leader, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-single-active-consumer"] = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Generations, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declares node <paramref name="nodeId"/>'s own queue, bound to the generation broadcasts.</summary>
    public static async Task<string> DeclareNodeQueueAsync(IChannel channel, string nodeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var name = NodeQueue(nodeId);
        await channel.QueueDeclareAsync(name, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(name, Generations, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        return name;
    }

    private static Dictionary<string, object?> Quorum(bool deadLetter)
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        if (deadLetter)
        {
            arguments["x-delivery-limit"] = DeliveryLimit;
            arguments["x-dead-letter-exchange"] = Dead;
        }

        return arguments;
    }
}
