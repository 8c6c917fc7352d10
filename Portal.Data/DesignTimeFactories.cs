using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

/// <summary>Builds contexts outside the application's DI: design time (dotnet ef), tests, benchmarks, commands.</summary>
public static class PortalContexts
{
    public static SqlitePortalDbContext Sqlite(string connectionString) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .UseApplicationServiceProvider(PortalDataServiceCollectionExtensions.IdentityModelServices)
            .Options);

    /// <summary>Over an open connection: an in-memory SQLite database lives as long as its connection.</summary>
    public static SqlitePortalDbContext Sqlite(DbConnection connection) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(connection, s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .UseApplicationServiceProvider(PortalDataServiceCollectionExtensions.IdentityModelServices)
            .Options);

    public static SqlServerPortalDbContext SqlServer(string connectionString) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer(connectionString, s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .UseApplicationServiceProvider(PortalDataServiceCollectionExtensions.IdentityModelServices)
            .Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) => PortalContexts.Sqlite("Data Source=design-time-only.db");
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    // migrations add/script never connect; the string only selects the provider.
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        PortalContexts.SqlServer("Server=(design-time-only);Database=WooPortal;Trusted_Connection=True;TrustServerCertificate=True");
}
