using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Domain.Stock;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using Portal.Hosting;
using Portal.WooCommerce;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Seed;

namespace Portal.Benchmarks;

/// <summary>
/// "stock-latency": the whole portal with its scheduler running (trigger after commit, coalescing delay, the store's
/// job, the push) and one emulated store. 100 stock adjustments one after the other, each timed from the call until the
/// store holds the new quantity.
/// </summary>
public sealed class StockLatencyScenario : IScenario
{
    private const int Adjustments = 100;

    public string Name => "stock-latency";

    public string Description => "100 stock adjustments, time until the store holds each new quantity (scheduler running)";

    public async Task<Dictionary<string, object>> RunAsync(string[] args)
    {
        await using var emulator = await WooEmulator.StartAsync(new EmulatorOptions(), null, TimeProvider.System);
        emulator.GenerateProducts(new ProductGeneration { Simple = Adjustments, Variable = 0, Seed = 3, WithoutSkuShare = 0 });
        var data = Directory.CreateTempSubdirectory("portal-bench-latency-").FullName;
        var app = PortalHost.Build([
            "--applicationName=Portal", "--urls=http://127.0.0.1:0", $"--Portal:DataDirectory={data}", "--Portal:AllowPrivateStoreAddresses=true",
            "--Scheduler:Enabled=true", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            await DatabaseStartup.PrepareAsync(app.Services, app.Services.GetRequiredService<DatabaseOptions>(), migrate: true);
            await app.StartAsync();
            var (organizationId, location, targets) = await PrepareAsync(app.Services, emulator);
            var stock = app.Services.GetRequiredService<StockOperations>();
            var tenant = FixedTenant.For(organizationId);
            var timings = new List<double>();
            var quantity = 0;
            foreach (var (productId, wooId) in targets)
            {
                quantity = quantity % 40 + 1;
                var timer = Stopwatch.StartNew();
                var adjusted = await stock.AdjustAsync(tenant, productId, location, quantity, "benchmark");
                if (!adjusted.Succeeded)
                {
                    throw new InvalidOperationException(adjusted.Error);
                }

                while (Quantity(emulator, wooId) != quantity)
                {
                    if (timer.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        throw new TimeoutException($"The store did not get the quantity of product {wooId} within 60 s.");
                    }

                    await Task.Delay(2);
                }

                timings.Add(timer.Elapsed.TotalMilliseconds);
            }

            var sorted = timings.Order().ToArray();
            return new Dictionary<string, object>
            {
                ["adjustments"] = Adjustments,
                ["p50_ms"] = Math.Round(Scenarios.Median(sorted), 1),
                ["p95_ms"] = Math.Round(sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], 1),
                ["max_ms"] = Math.Round(sorted[^1], 1),
            };
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static int? Quantity(WooEmulator emulator, int id)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Product(id)!.StockQuantity;
        }
    }

    private static async Task<(int OrganizationId, int Location, List<(int ProductId, int WooId)> Targets)> PrepareAsync(
        IServiceProvider services, WooEmulator emulator)
    {
        var contexts = services.GetRequiredService<IPortalDbContextFactory>();
        var secrets = services.GetRequiredService<StoreSecrets>();
        int organizationId;
        await using (var db = contexts.Create(FixedTenant.None))
        {
            var organization = Organization.Create("Latency", "USD", "Europe/London", DateTime.UtcNow);
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            organizationId = organization.Id;
        }

        await using var org = contexts.CreateForOrganization(organizationId);
        var location = Location.Create(organizationId, "Warehouse");
        org.Locations.Add(location);
        List<(string Sku, int Id)> storeProducts;
        lock (emulator.Store.Sync)
        {
            storeProducts = emulator.Store.Products.Select(p => (p.Sku, p.Id)).ToList();
        }

        var products = storeProducts.Select(p => Product.Create(organizationId, p.Sku, "Product " + p.Sku)).ToList();
        org.Products.AddRange(products);
        await org.SaveChangesAsync();
        var store = BenchStores.StockSynced(organizationId, "latency", emulator, secrets, location.Id);
        org.Stores.Add(store);
        await org.SaveChangesAsync();
        org.StoreProductLinks.AddRange(products.Select((p, n) => new StoreProductLink
        {
            StoreId = store.Id, ProductId = p.Id, WooProductId = storeProducts[n].Id, Sku = p.Sku, LinkedAtUtc = DateTime.UtcNow,
        }));
        await org.SaveChangesAsync();
        return (organizationId, location.Id, products.Select((p, n) => (p.Id, storeProducts[n].Id)).ToList());
    }
}
