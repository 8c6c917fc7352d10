using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.Features.StockSync;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Seed;

namespace Portal.Benchmarks;

/// <summary>
/// "stock-push": 10,000 changed quantities (8,000 simple products, 500 variable × 4 variations) pushed to two emulated
/// stores at once by the handler the job runs, from the first marker read to the last acknowledgement. The floor of
/// requests per store is ⌈simple / 100⌉ + Σ per parent ⌈variations / 100⌉.
/// </summary>
public sealed class StockPushScenario : IScenario
{
    private const int Simple = 8_000;
    private const int Variable = 500;
    private const int VariationsEach = 4;

    public string Name => "stock-push";

    public string Description => "push 10,000 changed quantities (8,000 simple, 500 variable × 4) to two stores";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        var spec = new ProductGeneration { Simple = Simple, Variable = Variable, VariationsPerProduct = VariationsEach, Seed = 7, WithoutSkuShare = 0 };
        await using var first = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        await using var second = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        WooEmulator[] emulators = [first, second];
        foreach (var emulator in emulators)
        {
            emulator.GenerateProducts(spec);
        }

        var path = Path.Combine(Path.GetTempPath(), $"portal-bench-stock-push-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        IPortalDbContextFactory contexts = new SqliteContexts(connectionString);
        try
        {
            var secrets = new StoreSecrets(new EphemeralDataProtectionProvider());
            var (organizationId, stores) = await PrepareAsync(connectionString, contexts, secrets, emulators);
            using var factory = new WooClientFactory(Options.Create(new WooClientOptions { AllowPrivateAddresses = true }),
                new InMemoryWooCallRecorder(), TimeProvider.System, NullLoggerFactory.Instance);
            var push = new PushStock(contexts, new StockChangeFeed(contexts, TimeProvider.System), new AvailabilityQuery(contexts),
                new StoreClients(contexts, factory, secrets), Options.Create(new StockSyncOptions()), TimeProvider.System,
                NullLogger<PushStock>.Instance);
            var before = emulators.Select(e => e.Requests.Entries.Count).ToArray();

            var timer = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(stores.Select(store => push.PushAsync(organizationId, store, StockPushMode.Changes)));
            timer.Stop();

            var expected = Simple + Variable * VariationsEach;
            if (outcomes.Any(o => o.Status != StockPushStatus.Done || o.Confirmed != expected))
            {
                throw new InvalidOperationException("The push did not confirm every quantity: " + string.Join(" | ", outcomes.Select(o => o.Summary)));
            }

            var requests = emulators.Select((e, i) => e.Requests.Entries.Count - before[i]).Sum();
            var perStore = StockPushPlan.MinimumRequests(Simple, Enumerable.Repeat(VariationsEach, Variable));
            return new Dictionary<string, object>
            {
                ["quantities"] = expected,
                ["stores"] = stores.Count,
                ["requests"] = requests,
                ["min_requests"] = perStore * stores.Count,
                ["seconds"] = Math.Round(timer.Elapsed.TotalSeconds, 2),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static async Task<(int OrganizationId, List<int> Stores)> PrepareAsync(string connectionString,
        IPortalDbContextFactory contexts, StoreSecrets secrets, IReadOnlyList<WooEmulator> emulators)
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
        List<(string Sku, long Parent, long Id)> storeProducts;
        lock (emulators[0].Store.Sync)
        {
            storeProducts = emulators[0].Store.Products.Where(p => p.Type != "variable")
                .Select(p => (p.Sku, p.IsVariation ? (long)p.ParentId : p.Id, p.IsVariation ? (long)p.Id : 0L)).ToList();
        }

        var products = storeProducts.Select(p => Product.Create(organizationId, p.Sku, "Product " + p.Sku)).ToList();
        org.Products.AddRange(products);
        await org.SaveChangesAsync();

        var stores = new List<int>();
        for (var i = 0; i < emulators.Count; i++)
        {
            var store = BenchStores.StockSynced(organizationId, $"bench{i}", emulators[i], secrets, location.Id);
            org.Stores.Add(store);
            await org.SaveChangesAsync();
            stores.Add(store.Id);
            org.StoreProductLinks.AddRange(products.Select((p, n) => new StoreProductLink
            {
                StoreId = store.Id, ProductId = p.Id, WooProductId = storeProducts[n].Parent, WooVariationId = storeProducts[n].Id,
                Sku = p.Sku, LinkedAtUtc = DateTime.UtcNow,
            }));
            await org.SaveChangesAsync();
        }

        // One stock take of every product: one marker each, as the stock ledger writes them.
        var ledger = new StockLedger(organizationId, DateTime.UtcNow, [], [], null);
        foreach (var (product, n) in products.Select((p, n) => (p, n)))
        {
            ledger.Adjust(product.Id, location.Id, 5 + n % 50, "stock take");
        }

        LedgerLoading.Stage(org, ledger);
        await org.SaveChangesAsync();
        return (organizationId, stores);
    }
}
