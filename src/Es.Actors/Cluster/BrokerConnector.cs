using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Es.Actors.Cluster;

/// <summary>Opens a connection to the broker, retrying with backoff and saying where it is trying.</summary>
public static class BrokerConnector
{
    /// <summary>AMQP heartbeat of every EsAkka connection: a dead peer is noticed in about two of them.</summary>
    public static TimeSpan Heartbeat { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Connects, retrying (1 s, 2 s, 4 s … at most 5 s apart) until <paramref name="giveUpAfter"/>.</summary>
    /// <exception cref="BrokerConnectException">The broker did not answer in time; the message names it (never the password).</exception>
    public static async Task<IConnection> ConnectAsync(BrokerEndpoint endpoint, string clientName, TimeSpan giveUpAfter, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(log);
        var factory = endpoint.CreateFactory(clientName, Heartbeat);
        var deadline = DateTimeOffset.UtcNow + giveUpAfter;
        var delay = TimeSpan.FromSeconds(1);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(clientName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException
                                      && !cancellationToken.IsCancellationRequested)
            {
                var reason = Describe(e);
                if (reason.Contains("ACCESS_REFUSED", StringComparison.Ordinal) || reason.Contains("authentication", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BrokerConnectException($"the broker {endpoint.Display} refused the credentials (check the user in the URI and {BrokerEndpoint.PasswordVariable} or --broker-password-file)");
                }

                if (DateTimeOffset.UtcNow + delay > deadline)
                {
                    throw new BrokerConnectException($"the broker {endpoint.Display} did not answer for {giveUpAfter.TotalSeconds:F0} s ({attempt} attempts; last: {reason})");
                }

                log($"broker {endpoint.Display} unreachable ({reason}); retrying in {delay.TotalSeconds:F0} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(5, delay.TotalSeconds * 2));
            }
        }
    }

    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }
}
