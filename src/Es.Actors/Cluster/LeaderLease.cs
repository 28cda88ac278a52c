using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Actors.Cluster;

/// <summary>
/// The coordinator singleton. Every seed node publishes a token to <c>es.leader</c> (a queue
/// with <c>x-single-active-consumer</c>) and consumes it with prefetch 1 without ever
/// acking: the broker delivers to one consumer only, so the seed holding a token is the
/// coordinator and the others wait as standbys. When the active seed's connection dies
/// its token returns to the queue and goes to the next consumer, which takes over.
/// </summary>
public sealed class LeaderLease : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly TaskCompletionSource _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LeaderLease(IChannel channel) => _channel = channel;

    /// <summary>Completes when this seed holds the lease.</summary>
    public Task Acquired => _acquired.Task;

    /// <summary>Joins the election.</summary>
    public static async Task<LeaderLease> StartAsync(IConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await ClusterTopology.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
        await channel.BasicPublishAsync(string.Empty, ClusterTopology.Leader, mandatory: false, new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, "token"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, 1, false, cancellationToken).ConfigureAwait(false);
        var lease = new LeaderLease(channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            lease._acquired.TrySetResult();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(ClusterTopology.Leader, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        return lease;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false); // the token goes back to the queue
        }
        catch (Exception)
        {
        }

        _channel.Dispose();
    }
}
