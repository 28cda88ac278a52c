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
    public async Task Run_ValidArguments_SaysTheBrokerFabricIsMissing_NoPasswordShown()
    {
        var (code, error) = await RunAsync("--broker", "amqp://user:secret@example.test:5673/");
        Assert.Equal(NodeCli.Failed, code);
        Assert.Contains("example.test:5673", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}
