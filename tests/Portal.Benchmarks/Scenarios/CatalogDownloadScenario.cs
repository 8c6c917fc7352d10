using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.StoreCatalog;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Seed;

namespace Portal.Benchmarks;

/// <summary>
/// "Download → Products" of a 10,000-product catalogue (2,000 of them variable with 4 variations) from the emulator
/// into a migrated SQLite file with nothing linked: the handler the job runs, from the first request to the last
/// commit. The floor of requests: product pages of 100, one variations listing per variable product (per 100
/// variations), category pages.
/// </summary>
public sealed class CatalogDownloadScenario : IScenario
{
    private const int Simple = 8_000;
    private const int Variable = 2_000;
    private const int VariationsEach = 4;

    public string Name => "catalog-download";

    public string Description => "download 10,000 products (2,000 variable × 4 variations) into an empty organization";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var emulator = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        emulator.GenerateProducts(new ProductGeneration
        {
            Simple = Simple, Variable = Variable, VariationsPerProduct = VariationsEach, Seed = 7, WithoutSkuShare = 0,
        });
        int categories;
        lock (emulator.Store.Sync)
        {
            categories = emulator.Store.Categories.Count;
        }

        var key = emulator.CreateKey(KeyPermission.Read);
        var path = Path.Combine(Path.GetTempPath(), $"portal-bench-download-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        IPortalDbContextFactory contexts = new SqliteContexts(connectionString);
        try
        {
            var secrets = new StoreSecrets(new EphemeralDataProtectionProvider());
            var (organizationId, operation) = await PrepareAsync(connectionString, contexts, secrets, emulator.BaseUrl, key);
            using var factory = new WooClientFactory(Options.Create(new WooClientOptions { AllowPrivateAddresses = true }), new InMemoryWooCallRecorder(),
                TimeProvider.System, NullLoggerFactory.Instance);
            var handler = new DownloadProducts(contexts, new StoreClients(contexts, factory, secrets), TimeProvider.System);
            var runner = new RunCatalogOperation(contexts, [handler], TimeProvider.System, NullLogger<RunCatalogOperation>.Instance);
            var before = emulator.Requests.Entries.Count;

            using var phases = new PhaseTimes(DownloadProducts.Telemetry.Name);
            var timer = Stopwatch.StartNew();
            await runner.RunAsync(organizationId, operation, CancellationToken.None);
            timer.Stop();
            await phases.ReportAsync(Console.Error, timer.Elapsed);

            var requests = emulator.Requests.Entries.Count - before;
            await using var db = contexts.CreateForOrganization(organizationId);
            var finished = await db.CatalogOperations.AsNoTracking().SingleAsync(o => o.Id == operation);
            var report = DownloadReport.FromJson(finished.ResultJson);
            var products = await db.Products.CountAsync();
            var expected = Simple + Variable * VariationsEach;
            if (finished.Status != CatalogOperationStatus.Completed || products != expected || await db.StoreProductLinks.CountAsync() != expected)
            {
                throw new InvalidOperationException($"The download ended {finished.Status} ({finished.Error}) with {products} products; expected {expected}.");
            }

            await ReportRowsAsync(connectionString);
            return new Dictionary<string, object>
            {
                ["products"] = Simple + Variable,
                ["portal_products"] = products,
                ["families"] = report!.FamiliesCreated,
                ["renamed"] = report.Renamed.Count,
                ["seconds"] = Math.Round(timer.Elapsed.TotalSeconds, 2),
                ["requests"] = requests,
                ["min_requests"] = Pages(Simple + Variable) + Variable * Pages(VariationsEach) + Math.Max(1, Pages(categories)),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static int Pages(int items) => (items + 99) / 100;

    /// <summary>Rows per table after the download (stderr): what the write phase had to insert.</summary>
    private static async Task ReportRowsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var total = 0L;
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            var rows = (long)(await count.ExecuteScalarAsync())!;
            total += rows;
            if (rows > 0)
            {
                await Console.Error.WriteLineAsync($"rows {table,-28} {rows,8}");
            }
        }

        await Console.Error.WriteLineAsync($"rows {"(all tables)",-28} {total,8}");
    }

    private static async Task<(int OrganizationId, long OperationId)> PrepareAsync(string connectionString,
        IPortalDbContextFactory contexts, StoreSecrets secrets, string baseUrl, ApiKey key)
    {
        int organizationId;
        await using (var db = PortalContexts.Sqlite(connectionString))
        {
            await db.Database.MigrateAsync();
            var organization = Organization.Create("Benchmark", "USD", "Europe/London", DateTime.UtcNow);
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            organizationId = organization.Id;
        }

        await using var org = contexts.CreateForOrganization(organizationId);
        var location = Location.Create(organizationId, "Warehouse");
        org.Locations.Add(location);
        await org.SaveChangesAsync();
        var store = new ConnectedStore
        {
            OrganizationId = organizationId, PublicKey = "bench", Name = "Bench store", Url = baseUrl,
            NormalizedUrl = new Uri(baseUrl).Authority, ConnectionMethod = StoreConnectionMethod.Classic,
            ProtectedConsumerKey = secrets.Protect(key.ConsumerKey), ProtectedConsumerSecret = secrets.Protect(key.ConsumerSecret),
            ConsumerKeyHint = ConnectedStore.Hint(key.ConsumerKey), KeyPermission = "read", Currency = "USD", TimeZone = "UTC",
            WordPressVersion = "7.0", WooCommerceVersion = "11.0", ProtectedWebhookSecret = secrets.Protect("bench"),
            Status = StoreStatus.Connected, ConnectedAtUtc = DateTime.UtcNow,
            SettingsJson = new StoreSettings { LocationId = location.Id }.ToJson(),
        };
        org.Stores.Add(store);
        await org.SaveChangesAsync();
        var operation = CatalogOperation.Queue(organizationId, store.Id, CatalogOperationKind.DownloadProducts, false, "benchmark", DateTime.UtcNow);
        org.CatalogOperations.Add(operation);
        await org.SaveChangesAsync();
        return (organizationId, operation.Id);
    }
}
