using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Orders;
using Portal.Domain.Organizations;
using Portal.Features.Integrations;
using Portal.Features.Orders;
using Portal.WooCommerce;

namespace Portal.Benchmarks;

/// <summary>
/// "log-page": the store Orders page's Log query (<see cref="StoreOrdersQuery.LogAsync"/>: the count and a page of 25,
/// newest first) filtered by status and an order number prefix, over 1,000,000 Log entries of one store in a migrated
/// SQLite file. The entries are inserted by SQLite itself (a recursive CTE) with the Log's indexes dropped and then
/// created again from their own definitions, which is far faster than inserting into the indexes. Order numbers run
/// 100001…1100000; 30 % of entries are pending orders. The wide prefix "10" matches ~33,000 pending entries, the narrow
/// one "1234" ~330. Each run uses a new context, as a page load does. The query plans are in the result, to see which
/// index the query used.
/// </summary>
public sealed class LogPageScenario : IScenario
{
    private const int Entries = 1_000_000;
    private const int Runs = 20;
    private const int PageSize = 25;

    public string Name => "log-page";

    public string Description => "the Log filtered by status and order number prefix over 1,000,000 entries (median of 20)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-bench-log-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        try
        {
            var (organizationId, storeId) = await PrepareAsync(connectionString);
            var insert = Stopwatch.StartNew();
            await InsertEntriesAsync(connectionString, organizationId, storeId);
            var insertSeconds = insert.Elapsed.TotalSeconds;

            var (wide, widePlan) = await MeasureAsync(connectionString, organizationId, storeId, "10");
            var (narrow, _) = await MeasureAsync(connectionString, organizationId, storeId, "1234");
            return new Dictionary<string, object>
            {
                ["entries"] = Entries,
                ["runs"] = Runs,
                ["median_ms"] = Math.Round(Scenarios.Median(wide), 2),
                ["max_ms"] = Math.Round(wide.Max(), 2),
                ["narrow_median_ms"] = Math.Round(Scenarios.Median(narrow), 2),
                ["insert_seconds"] = Math.Round(insertSeconds, 1),
                ["plan"] = widePlan,
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static async Task<(List<double> Samples, string Plan)> MeasureAsync(string connectionString, int organizationId, int storeId, string prefix)
    {
        var filter = new OrderLogFilter(Status: OrderLogStatus.Pending, OrderNumber: prefix);
        var samples = new List<double>();
        var recorder = new CommandRecorder();
        for (var run = -1; run < Runs; run++)
        {
            await using var db = Context(connectionString, organizationId, run < 0 ? recorder : null);
            var timer = Stopwatch.StartNew();
            var (rows, total) = await StoreOrdersQuery.LogAsync(db, storeId, filter, 0, PageSize, CancellationToken.None);
            var elapsed = timer.Elapsed.TotalMilliseconds;
            if (rows.Count != PageSize || total < PageSize || rows.Any(r => r.Status != OrderLogStatus.Pending || !r.OrderNumber.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"The Log query answered {rows.Count} rows of {total} for prefix {prefix}.");
            }

            if (run >= 0)
            {
                samples.Add(elapsed);
            }
        }

        return (samples, await PlanAsync(connectionString, recorder.Commands));
    }

    /// <summary>The query plan of each command the Log query ran (the count, the page), as SQLite explains it.</summary>
    private static async Task<string> PlanAsync(string connectionString, IReadOnlyList<(string Sql, List<(string Name, object? Value)> Parameters)> commands)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var plans = new List<string>();
        foreach (var (sql, parameters) in commands)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var steps = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            plans.Add(string.Join("; ", steps));
            Console.WriteLine(sql);
            Console.WriteLine("  plan: " + plans[^1]);
        }

        return string.Join(" | ", plans);
    }

    private static SqlitePortalDbContext Context(string connectionString, int organizationId, CommandRecorder? recorder)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .UseApplicationServiceProvider(PortalDataServiceCollectionExtensions.IdentityModelServices);
        if (recorder is not null)
        {
            options.AddInterceptors(recorder);
        }

        return new SqlitePortalDbContext(options.Options) { Tenant = FixedTenant.For(organizationId) };
    }

    private static async Task<(int OrganizationId, int StoreId)> PrepareAsync(string connectionString)
    {
        int organizationId;
        await using (var db = PortalContexts.Sqlite(connectionString))
        {
            await db.Database.MigrateAsync();
            var organization = Organization.Create("Log bench", "USD", "Europe/London", DateTime.UtcNow);
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            organizationId = organization.Id;
        }

        var secrets = new StoreSecrets(new EphemeralDataProtectionProvider());
        IPortalDbContextFactory contexts = new SqliteContexts(connectionString);
        await using var org = contexts.CreateForOrganization(organizationId);
        var store = new ConnectedStore
        {
            OrganizationId = organizationId, PublicKey = "log-bench", Name = "Log bench", Url = "http://127.0.0.1:9", NormalizedUrl = "127.0.0.1:9",
            ConnectionMethod = StoreConnectionMethod.Classic, ProtectedConsumerKey = secrets.Protect("ck_bench"),
            ProtectedConsumerSecret = secrets.Protect("cs_bench"), ConsumerKeyHint = "ck_…ench", KeyPermission = "read_write",
            Currency = "USD", TimeZone = "UTC", ProtectedWebhookSecret = secrets.Protect("bench"), Status = StoreStatus.Connected,
            ConnectedAtUtc = DateTime.UtcNow,
        };
        org.Stores.Add(store);
        await org.SaveChangesAsync();
        return (organizationId, store.Id);
    }

    /// <summary>1,000,000 entries: numbers 100001…, one a minute from 2024 on; 60 % sales, 30 % pending, 10 % dropped.</summary>
    private static async Task InsertEntriesAsync(string connectionString, int organizationId, int storeId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var indexes = new List<(string Name, string Sql)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'OrderLog' AND sql IS NOT NULL";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, transaction, $"DROP INDEX \"{name}\"");
        }

        await ExecuteAsync(connection, transaction, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Entries})
            INSERT INTO OrderLog (OrganizationId, StoreId, WooOrderId, OrderNumber, Status, WooStatus, CustomerName, OrderedAtUtc, LoggedAtUtc, StoreModifiedAtUtc)
            SELECT {organizationId}, {storeId}, i, CAST(100000 + i AS TEXT),
                   CASE WHEN i % 10 < 6 THEN 'Sale' WHEN i % 10 < 9 THEN 'Pending' ELSE 'Dropped' END,
                   CASE WHEN i % 10 < 9 THEN 'processing' ELSE 'cancelled' END,
                   'Customer ' || (i % 5000),
                   datetime('2024-01-01', '+' || i || ' minutes'), datetime('2024-01-01', '+' || i || ' minutes', '+5 seconds'),
                   datetime('2024-01-01', '+' || i || ' minutes')
            FROM n
            """);
        foreach (var (_, sql) in indexes)
        {
            await ExecuteAsync(connection, transaction, sql);
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records the SQL (and parameters) of the reads a context runs.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command) =>
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
    }
}
