using CsPlaybooks.Infrastructure.Persistence;

namespace CsPlaybooks.Host.Tests.Support;

public enum Db { Sqlite, Postgres }

/// <summary>A fresh, empty database of the given kind: a temp SQLite file or a new database on the test PostgreSQL server.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static TestDatabase Create(Db kind) => kind switch
    {
        Db.Postgres => new(DatabaseProvider.Postgres, CsPlaybooks.Testing.PostgresServer.Instance.CreateDatabase()),
        _ => new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"csplaybooks-test-{Guid.NewGuid():N}.db")}"),
    };
}
