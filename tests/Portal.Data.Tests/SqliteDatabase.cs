using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Data.Tests;

/// <summary>A real SQLite database, migrated, in a temporary file (several connections can then work at once).</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");

    private SqliteDatabase()
    {
    }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 30 }.ToString();

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase();
        await using var db = database.Open(FixedTenant.None);
        await db.Database.MigrateAsync();
        return database;
    }

    public PortalDbContext Open(ITenantContext tenant)
    {
        var db = PortalContexts.Sqlite(ConnectionString);
        db.Tenant = tenant;
        return db;
    }

    public PortalDbContext For(int organizationId) => Open(FixedTenant.For(organizationId));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
