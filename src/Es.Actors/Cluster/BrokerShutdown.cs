using RabbitMQ.Client;

namespace Es.Actors.Cluster;

/// <summary>Closing a fabric's channels and connection on the way out.</summary>
internal static class BrokerShutdown
{
    /// <summary>
    /// Closes <paramref name="channels"/>, then <paramref name="connection"/>, ignoring
    /// failures: at shutdown the broker may already be gone (restarted, unreachable), and
    /// there is nothing left to save by reporting it.
    /// </summary>
    public static async Task CloseQuietlyAsync(IEnumerable<IChannel> channels, IConnection connection)
    {
        foreach (var channel in channels)
        {
            try
            {
                await channel.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // already closed or broker gone
            }

            channel.Dispose();
        }

        try
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // already closed or broker gone
        }

        connection.Dispose();
    }
}
