namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>Where data lives. Default: an embedded SQLite file under ./data (created and migrated on start).</summary>
public sealed class DatabaseOptions
{
    /// <summary>sqlite (default), postgres or sqlserver.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=data/csplaybooks.db";
    /// <summary>SQLite only: how often <see cref="SqliteStatistics"/> refreshes the query planner's statistics.</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromHours(1);
}
