using System.Net;
using System.Net.Sockets;

namespace Es.Seed.Tests.Cli;

/// <summary>A store whose server is down is a failure of the moment (exit 1), not bad input (exit 2), and its secret stays out of the message.</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task Runs_PostgresServerDown_ExitsFailedWithoutThePassword()
    {
        const string password = "not-to-be-printed-7f3a";
        var environment = new Dictionary<string, string>
        {
            ["ES_POSTGRES_CONNECTION"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=es;Password={password};Database=es;Timeout=5",
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var runs = SeedProcess.Start(environment, "runs", "--postgres");
        var errors = await runs.WaitForExitAsync(deadline.Token);

        Assert.Equal(1, runs.ExitCode);
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(password, errors, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound by the system, then let go.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
