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
    public async Task Run_NoSeedNode_BadInput()
    {
        var (code, error) = await RunAsync();
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--seed-node", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-port")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:http")]
    public async Task Run_BadSeedNode_BadInputNamingTheOption(string seed)
    {
        var (code, error) = await RunAsync("--seed-node", seed);
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--seed-node: expected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadListen_BadInputNamingTheOption()
    {
        var (code, error) = await RunAsync("--seed-node", "127.0.0.1:2552", "--listen", "127.0.0.1");
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--listen: expected HOST:PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ZeroWorkers_BadInput()
    {
        var (code, error) = await RunAsync("--seed-node", "127.0.0.1:2552", "--workers", "0");
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("--workers", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingCertificate_BadInputNamingTheFile()
    {
        var (code, error) = await RunAsync("--seed-node", "127.0.0.1:2552", "--tls-certificate", "/nonexistent/node.pfx");
        Assert.Equal(NodeCli.BadInput, code);
        Assert.Contains("/nonexistent/node.pfx", error, StringComparison.Ordinal);
    }
}
