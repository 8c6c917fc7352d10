using Microsoft.AspNetCore.Identity;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Identity reads its schema version from the application's service provider while building the model. Contexts
    /// built outside the app (design time, tests, benchmarks) get the same options from here, or their model would
    /// differ from the migrations (STACK.md §3).
    /// </summary>
    public static readonly IServiceProvider IdentityModelServices = new ServiceCollection()
        .Configure<IdentityOptions>(ConfigureIdentityStore)
        .BuildServiceProvider();

    public static void ConfigureIdentityStore(IdentityOptions options) =>
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version2;

    /// <summary>
    /// Registers the provider-specific context factory (with every <see cref="IInterceptor"/> registered, e.g. the one
    /// that starts a stock push after a committed stock change), the tenant-aware <see cref="IDbContextFactory{PortalDbContext}"/>
    /// that components and handlers use, and a scoped <see cref="PortalDbContext"/> for Identity and Data Protection.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = ValidatedConnectionString(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<SqlitePortalDbContext>((sp, o) => o.UseSqlite(connectionString,
                    s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName).CommandTimeout(options.CommandTimeoutSeconds))
                    .AddInterceptors(sp.GetServices<IInterceptor>())
                    .AddInterceptors(new SqliteConnectionPragmas(TimeSpan.FromSeconds(options.CommandTimeoutSeconds))));
                services.AddTenantFactory<SqlitePortalDbContext>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerPortalDbContext>((sp, o) => o.UseSqlServer(connectionString,
                    s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName).CommandTimeout(options.CommandTimeoutSeconds)
                          .EnableRetryOnFailure())
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddTenantFactory<SqlServerPortalDbContext>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or SqlServer.");
        }

        return services;
    }

    private static void AddTenantFactory<TContext>(this IServiceCollection services)
        where TContext : PortalDbContext
    {
        services.AddSingleton<IPortalDbContextFactory, PortalDbContextFactory<TContext>>();
        services.AddScoped<IDbContextFactory<PortalDbContext>, TenantDbContextFactory>();
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
    }

    /// <summary>Checks the connection string's syntax now, so a typo stops start-up with one line naming the setting.</summary>
    public static string ValidatedConnectionString(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Database:ConnectionString is required for the " + options.Provider + " provider.");
        }

        try
        {
            _ = options.Provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString,
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(options.ConnectionString).ConnectionString,
                _ => throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or SqlServer."),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"Database:ConnectionString is malformed: {ex.Message}", ex);
        }

        return options.ConnectionString;
    }
}
