using Es.Node.Cli;

namespace Es.Node.Tests;

public sealed class NodeCliTests
{
    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await NodeCli.RunAsync(args, output, error);
        return (code, error.ToString());
    }

    [Fact]
    public async Task Run_NoBroker_BadInput()
    {
        var (code, error) = await RunAsync();
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--broker", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("http://host/")]
    public async Task Run_BadBrokerUri_BadInputNamingTheOption(string uri)
    {
        var (code, error) = await RunAsync("--broker", uri);
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--broker: expected an amqp:// or amqps:// URI", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ZeroWorkers_BadInput()
    {
        var (code, _) = await RunAsync("--broker", "amqp://localhost/", "--workers", "0");
        Assert.Equal(NodeCli.BadInput, code);
    }

    [Fact]
    public async Task Run_UnreachableBroker_FailsNamingHostAndPort_NoPasswordShown()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var (code, error) = await RunAsync("--broker", $"amqp://user:secret@127.0.0.1:{port}/", "--connect-timeout", "2");
        Assert.Equal(NodeCli.Failed, code);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}
