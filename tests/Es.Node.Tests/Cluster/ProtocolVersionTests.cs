using Es.Actors.Cluster;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Es.Node.Tests.Cluster;

/// <summary>
/// Hosts of different EsAkka versions, the other side played by the test through a real
/// broker: a real es-node facing another coordinator ends with exit 2, and a real seed
/// refuses a node of another version, naming both versions.
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

    [Fact]
    public async Task Seed_NodeOfAnotherVersionJoins_RefusedNamingBothVersions()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var config = scene.WriteConfig(generations: 2);
        using var seed = HostProcess.Seed(scene.Environment, "train", config, "--run-dir", Path.Combine(scene.Root, "run"), "--broker", scene.Broker.Uri, "--workers", "0");
        var coordinating = await seed.WaitForLineAsync(l => l.StartsWith("coordinating through", StringComparison.Ordinal), deadline.Token);
        Assert.True(coordinating is not null, coordinating ?? await seed.WaitForExitAsync(deadline.Token));

        var factory = new ConnectionFactory { HostName = scene.Broker.Address, Port = scene.Broker.Port, UserName = scene.Broker.User, Password = scene.Broker.Password };
        await using var connection = await factory.CreateConnectionAsync(deadline.Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: deadline.Token);
        var replyQueue = (await channel.QueueDeclareAsync(cancellationToken: deadline.Token)).QueueName; // server-named, exclusive
        var answer = new TaskCompletionSource<WireMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            answer.TrySetResult(WireProtocol.Decode(delivery.Body));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(replyQueue, autoAck: true, consumer, deadline.Token);
        const ushort other = WireProtocol.Version + 1;
        var join = WireProtocol.Encode(new JoinMessage("old-node", "old-host", 1, replyQueue, Resync: false), other);
        await channel.BasicPublishAsync(string.Empty, ClusterTopology.Coordinator, mandatory: false, new BasicProperties { ReplyTo = replyQueue }, join, deadline.Token);

        var refused = Assert.IsType<RefusedMessage>(await answer.Task.WaitAsync(deadline.Token));
        Assert.Contains($"speaks cluster protocol version {WireProtocol.Version}, the node {other}", refused.Reason, StringComparison.Ordinal);
        var said = await seed.WaitForLineAsync(l => l.StartsWith("refused a node", StringComparison.Ordinal), deadline.Token);
        Assert.True(said is not null, said ?? await seed.WaitForExitAsync(deadline.Token));
        await seed.KillHardAsync(deadline.Token); // without nodes its first generation never ends
    }
}
