using System.Threading.Channels;
using RabbitMQ.Client;

namespace Es.Actors.Cluster;

/// <summary>
/// Sends what the actors hand over without blocking them, in order, on one channel with
/// publisher confirms: a publish is retried until the broker confirms it (through a broker
/// restart, once the connection has recovered), so an ack that follows a result in the
/// queue is only sent once the result is safe.
/// </summary>
internal sealed class OrderedPublisher : IAsyncDisposable
{
    private readonly Channel<Func<IChannel, Task>> _operations = Channel.CreateUnbounded<Func<IChannel, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IChannel _channel;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _bytes;

    private OrderedPublisher(IChannel channel, Action<string> log)
    {
        _channel = channel;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Bytes of message bodies published so far.</summary>
    public long BytesPublished => Interlocked.Read(ref _bytes);

    public static async Task<OrderedPublisher> CreateAsync(IConnection connection, Action<string> log, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        return new OrderedPublisher(channel, log);
    }

    /// <summary>Queues a persistent message for <paramref name="exchange"/> / <paramref name="routingKey"/>.</summary>
    public void Publish(string exchange, string routingKey, byte[] body, bool persistent = true)
    {
        Interlocked.Add(ref _bytes, body.Length);
        var properties = new BasicProperties { DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient };
        Enqueue(channel => channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, _stopping.Token).AsTask(), retry: true);
    }

    /// <summary>Queues a transient request to <paramref name="queue"/> whose answer goes to <paramref name="replyTo"/>.</summary>
    public void PublishWithReplyTo(string queue, byte[] body, string replyTo)
    {
        Interlocked.Add(ref _bytes, body.Length);
        var properties = new BasicProperties { ReplyTo = replyTo };
        Enqueue(channel => channel.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body, _stopping.Token).AsTask(), retry: true);
    }

    /// <summary>Queues an operation that is tried once, after everything queued before it (acks: a delivery tag dies with its channel).</summary>
    public void Then(Func<Task> operation) => Enqueue(_ => operation(), retry: false);

    /// <summary>Completes once everything queued so far has been sent (or <paramref name="cancellationToken"/> gives up).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(_ => { done.TrySetResult(); return Task.CompletedTask; }, retry: false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _operations.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the connection is going away anyway
        }

        _channel.Dispose();
        _stopping.Dispose();
    }

    private void Enqueue(Func<IChannel, Task> operation, bool retry)
    {
        Func<IChannel, Task> wrapped = retry ? operation : async channel =>
        {
            try
            {
                await operation(channel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log($"broker operation dropped ({e.GetType().Name}: {e.Message})");
            }
        };
        _operations.Writer.TryWrite(retry ? WithRetry(wrapped) : wrapped);
    }

    private Func<IChannel, Task> WithRetry(Func<IChannel, Task> operation) => async channel =>
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await operation(channel).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt == 1 || attempt % 10 == 0)
                {
                    _log($"publish failed ({e.GetType().Name}: {e.Message}); retrying while the connection recovers");
                }

                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(2000, delay.TotalMilliseconds * 2));
            }
        }
    };

    private async Task RunAsync()
    {
        await foreach (var operation in _operations.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            await operation(_channel).ConfigureAwait(false);
        }
    }
}
