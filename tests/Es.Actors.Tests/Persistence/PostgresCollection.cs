using Es.TestKit;

namespace Es.Actors.Tests.Persistence;

/// <summary>Tests that share one PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
