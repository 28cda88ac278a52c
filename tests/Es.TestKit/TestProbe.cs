using System.Threading.Channels;
using Es.Actors.Kernel;
using Xunit;

namespace Es.TestKit;

/// <summary>
/// An address that records what it receives, for asserting on an actor's messages the
/// way Akka's TestKit does. Waits are bounded by real time (a test that would hang fails
/// instead); the system under test may still run on a fake clock.
/// </summary>
public sealed class TestProbe : ActorRef
{
    private readonly Channel<(object Message, ActorRef? Sender)> _received = Channel.CreateUnbounded<(object, ActorRef?)>();

    /// <summary>Creates a probe named <paramref name="name"/>.</summary>
    public TestProbe(string name = "probe") => Path = "/probe/" + name;

    /// <summary>The default wait for an expected message.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public override string Path { get; }

    /// <summary>The sender of the last message taken.</summary>
    public ActorRef? LastSender { get; private set; }

    /// <inheritdoc/>
    public override void Tell(object message, ActorRef? sender = null) => _received.Writer.TryWrite((message, sender));

    /// <summary>Takes the next message and asserts it is a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        var message = await NextAsync(timeout ?? DefaultTimeout, typeof(T).Name).ConfigureAwait(false);
        return Assert.IsType<T>(message);
    }

    /// <summary>Takes the next message, asserts it is a <typeparamref name="T"/> and satisfies <paramref name="predicate"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var message = await ExpectMsgAsync<T>(timeout).ConfigureAwait(false);
        Assert.True(predicate(message), $"{Path}: {message} did not match");
        return message;
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var message = await NextAsync(typeof(T).Name, deadline.Token).ConfigureAwait(false);
            if (message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>
    /// Asserts nothing has arrived. Call it after the system is known to be quiescent (for
    /// example after a later message was expected), so it needs no waiting.
    /// </summary>
    public void ExpectNoMsg()
    {
        if (_received.Reader.TryRead(out var unexpected))
        {
            Assert.Fail($"{Path}: expected no message, got {unexpected.Message}");
        }
    }

    private async Task<object> NextAsync(TimeSpan timeout, string expected)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await NextAsync(expected, deadline.Token).ConfigureAwait(false);
    }

    private async Task<object> NextAsync(string expected, CancellationToken deadline)
    {
        try
        {
            var (message, sender) = await _received.Reader.ReadAsync(deadline).ConfigureAwait(false);
            LastSender = sender;
            return message;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Path}: timed out waiting for {expected}");
            throw;
        }
    }
}
