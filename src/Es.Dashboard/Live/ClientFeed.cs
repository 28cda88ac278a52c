using System.Threading.Channels;

namespace Es.Dashboard.Live;

/// <summary>
/// The events waiting for one connected browser. Bounded: a client that falls this far behind
/// is cut off (its feed completes) rather than slowing the run or growing memory; its browser
/// reconnects and reloads the whole run.
/// </summary>
public sealed class ClientFeed
{
    /// <summary>Events a client may fall behind before it is cut off.</summary>
    public const int Capacity = 512;

    private readonly Channel<ServerEvent> _channel;

    /// <summary>Creates an empty feed.</summary>
    public ClientFeed()
    {
        _channel = Channel.CreateBounded<ServerEvent>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => CutOff());
    }

    /// <summary>True once the client fell behind and was cut off.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The events, for the connection that sends them.</summary>
    public ChannelReader<ServerEvent> Reader => _channel.Reader;

    /// <summary>Queues an event without ever waiting.</summary>
    public void Offer(ServerEvent item) => _channel.Writer.TryWrite(item);

    /// <summary>Ends the feed (the run's server is stopping).</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void CutOff()
    {
        Overflowed = true;
        _channel.Writer.TryComplete();
    }
}
