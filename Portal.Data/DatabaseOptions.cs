using System.ComponentModel.DataAnnotations;

namespace Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (embedded, default) or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQL Server, required. For SQLite, optional: defaults to <c>portal.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: apply migrations at start-up. SQL Server is migrated with the <c>migrate</c> command.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
