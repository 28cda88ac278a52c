namespace Es.TestKit;

/// <summary>One PostgreSQL server shared by a test collection (xunit collection fixture).</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(PostgresServer.Start);

    /// <summary>The server, started on first use.</summary>
    public PostgresServer Server => _server.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
