using Es.Actors.Cluster;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Node.Tests.Cluster;

/// <summary>
/// A real es-node against a coordinator of another EsAkka version, played by the test
/// through the broker: the node ends with exit 2 and a message naming the versions.
/// </summary>
public sealed class ProtocolVersionTests
{
    public static TheoryData<string> Answers => ["welcome of another version", "refusal"];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Node_CoordinatorOfAnotherVersion_ExitsTwoNamingTheVersions(string answer)
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var factory = new ConnectionFactory { HostName = scene.Broker.Address, Port = scene.Broker.Port, UserName = scene.Broker.User, Password = scene.Broker.Password };
        await using var connection = await factory.CreateConnectionAsync(deadline.Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: deadline.Token);
        await ClusterTopology.DeclareAsync(channel, deadline.Token);
        var join = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // heartbeats share the queue: only the join matters
            if (WireProtocol.Decode(delivery.Body) is JoinMessage && delivery.BasicProperties.ReplyTo is { Length: > 0 } replyTo)
            {
                join.TrySetResult(replyTo);
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(ClusterTopology.Coordinator, autoAck: true, consumer, deadline.Token);
        using var node = HostProcess.Node("node", scene.Environment, "--broker", scene.Broker.Uri, "--workers", "1");

        string replyQueue = await join.Task.WaitAsync(deadline.Token);
        const ushort other = WireProtocol.Version + 1;
        byte[] reply = answer == "refusal"
            ? WireProtocol.Encode(new RefusedMessage($"this coordinator speaks cluster protocol version {other}, the node {WireProtocol.Version}"), other)
            : WireProtocol.Encode(new WelcomeMessage(1, "run", "{}", []), other);
        await channel.BasicPublishAsync(string.Empty, replyQueue, reply, deadline.Token);

        var log = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 2, log);
        Assert.Contains($"version {other}", log, StringComparison.Ordinal);
        Assert.Contains(answer == "refusal" ? "refused this node" : $"this build speaks {WireProtocol.Version}", log, StringComparison.Ordinal);
    }
}
