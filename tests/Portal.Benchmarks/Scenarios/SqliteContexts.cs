using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Benchmarks;

/// <summary>Contexts on one SQLite file, for the portal code a scenario runs outside the web host.</summary>
internal sealed class SqliteContexts(string connectionString) : IPortalDbContextFactory
{
    public PortalDbContext Create(ITenantContext tenant)
    {
        var db = PortalContexts.Sqlite(connectionString);
        db.Tenant = tenant;
        return db;
    }
}
