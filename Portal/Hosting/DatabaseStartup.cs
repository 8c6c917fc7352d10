using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Reads Database:* and fills in the embedded default (a SQLite file in the data directory). Errors name the setting.
    /// </summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration, PortalOptions portal)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        var providerText = section["Provider"];
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out _))
        {
            throw new StartupException($"Database:Provider '{providerText}' is not supported; use Sqlite (default) or SqlServer.");
        }

        var options = new DatabaseOptions();
        section.Bind(options);
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Directory.CreateDirectory(portal.FullDataDirectory);
            options.ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(portal.FullDataDirectory, "portal.db"),
                DefaultTimeout = options.CommandTimeoutSeconds,
                Pooling = true,
            }.ToString();
        }

        try
        {
            PortalDataServiceCollectionExtensions.ValidatedConnectionString(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupException(ex.Message, ex);
        }

        return options;
    }

    /// <summary>SQLite is migrated at start-up; SQL Server only checked for reachability (migrate with the command).</summary>
    public static async Task PrepareAsync(IServiceProvider services, DatabaseOptions options, bool migrate, CancellationToken ct = default)
    {
        await using var db = services.GetRequiredService<IPortalDbContextFactory>().Create(FixedTenant.None);
        try
        {
            if (migrate)
            {
                await db.Database.MigrateAsync(ct);
                if (options.Provider == DatabaseProvider.Sqlite)
                {
                    // WAL lets readers (pages) and the writer (jobs) work at once; the setting persists in the file.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }
            }
            else if (!await db.Database.CanConnectAsync(ct))
            {
                throw new StartupException($"The database in Database:ConnectionString cannot be reached ({options.Provider}).");
            }
        }
        catch (DbException ex)
        {
            throw new StartupException($"The database in Database:ConnectionString cannot be used ({options.Provider}): {ex.Message}", ex);
        }
    }
}
