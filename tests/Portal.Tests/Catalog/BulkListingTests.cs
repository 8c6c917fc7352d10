using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Features.StoreCatalog;
using Portal.Features.Stock;
using Portal.Tests.Integrations;

namespace Portal.Tests.Catalog;

/// <summary>Bulk listing against the emulator: 100 items a request, per-item failures listed without stopping, Unlist,
/// Unlink, the buffer menu and the catalog filters it acts through.</summary>
public sealed class BulkListingTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private const string Batch = "/wp-json/wc/v3/products/batch";

    private static async Task<List<int>> ProductsAsync(CatalogTestStore shop, string prefix, int count, string category = "Garden Tools",
        Action<Product>? more = null)
    {
        await using var db = shop.Db();
        var existing = await db.Categories.FirstOrDefaultAsync(c => c.Name == category);
        var cat = existing ?? Category.Create(shop.Org, category);
        var products = Enumerable.Range(1, count).Select(i =>
        {
            var product = Product.Create(shop.Org, $"{prefix}-{i:000}", $"{prefix} product {i:000}");
            product.Category = cat;
            product.SetTags(["Outdoor"]);
            product.SetPrice(1, 10m + i);
            more?.Invoke(product);
            return product;
        }).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        return products.Select(p => p.Id).ToList();
    }

    private async Task AdjustAsync(CatalogTestStore shop, int productId, decimal quantity)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var adjusted = await scope.ServiceProvider.GetRequiredService<StockOperations>()
            .AdjustAsync(FixedTenant.For(shop.Org), productId, shop.LocationId, quantity, "counted");
        adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
    }

    private static async Task<BulkListingReport> BulkAsync(CatalogTestStore shop, BulkListingRequest request) =>
        BulkListingReport.FromJson((await shop.RunAsync(CatalogOperationKind.BulkListing, request: request.ToJson())).ResultJson)
            .ShouldNotBeNull();

    private static int BatchRequests(CatalogTestStore shop) =>
        shop.Emulator.Requests.Entries.Count(r => r.Method == "POST" && r.Path == Batch);

    [Fact]
    public async Task List_When250ProductsMatch_ThenThreeBatchRequestsOf100WithTheProductBufferAndOnlyMatchingProducts()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.ChangeSettingsAsync(s => (s.UpdateStockLevels, s.UseBufferInventory, s.BufferInventory) = (true, true, 1));
        var ids = await ProductsAsync(shop, "BULK", 250);
        await ProductsAsync(shop, "OTHER", 3, category: "Kitchen");
        await AdjustAsync(shop, ids[0], 10m);
        await using (var db = shop.Db())
        {
            var garden = await db.Categories.SingleAsync(c => c.Name == "Garden Tools");
            emulator.Requests.Clear();

            var report = await BulkAsync(shop, new BulkListingRequest
            {
                Filter = new CatalogFilter { CategoryId = garden.Id },
                Action = BulkListingAction.List,
                Buffer = BulkBufferChoice.SetProductLevel,
                BufferValue = 3,
            });

            (report.Matched, report.Created, report.Updated, report.FailedCount, report.BuffersChanged).ShouldBe((250, 250, 0, 0, 250));
        }

        BatchRequests(shop).ShouldBe(3);
        // Categories and tags are read once for the whole run, not per product or per request.
        emulator.Requests.Entries.Count(r => r.Path == "/wp-json/wc/v3/products/categories" && r.Method == "GET").ShouldBe(1);
        emulator.Requests.Entries.Count(r => r.Path == "/wp-json/wc/v3/products/tags" && r.Method == "GET").ShouldBe(1);
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Count(p => p.Sku!.StartsWith("BULK-", StringComparison.Ordinal)).ShouldBe(250);
            emulator.Store.Products.Any(p => p.Sku!.StartsWith("OTHER-", StringComparison.Ordinal)).ShouldBeFalse();
            var first = emulator.Store.Products.Single(p => p.Sku == "BULK-001");
            // 10 on hand less the product buffer 3 (not the store's 1).
            (first.StockQuantity, first.ManageStock, first.RegularPrice).ShouldBe((7, true, 11m));
        }

        await using var check = shop.Db();
        (await check.StoreProductLinks.CountAsync(l => l.ProductBuffer == 3)).ShouldBe(250);

        // Listing again updates the same 250 in three requests and creates nothing.
        emulator.Requests.Clear();
        var again = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "BULK-" }, Action = BulkListingAction.List });
        (again.Created, again.Updated, again.FailedCount, again.BuffersChanged).ShouldBe((0, 250, 0, 0));
        BatchRequests(shop).ShouldBe(3);
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Count(p => p.Sku!.StartsWith("BULK-", StringComparison.Ordinal)).ShouldBe(250);
        }
    }

    [Fact]
    public async Task List_WhenTheStoreRefusesOneItem_ThenItIsListedAndTheOthersAreDone()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var ids = await ProductsAsync(shop, "ERR", 3);
        var first = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "ERR-" } });
        first.Created.ShouldBe(3);
        long goneId;
        lock (emulator.Store.Sync)
        {
            // Deleted for good in wp-admin: the link now points at nothing.
            var gone = emulator.Store.Products.Single(p => p.Sku == "ERR-002");
            goneId = gone.Id;
            emulator.Store.Products.Remove(gone);
        }

        var report = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "ERR-" } });

        (report.Updated, report.Created, report.FailedCount).ShouldBe((2, 0, 1));
        var failure = report.Failures.ShouldHaveSingleItem();
        (failure.Sku, failure.Name).ShouldBe(("ERR-002", "ERR product 002"));
        failure.Reason.ShouldContain("no longer in the store");
        await using var db = shop.Db();
        var link = await db.StoreProductLinks.SingleAsync(l => l.ProductId == ids[1]);
        (link.WooProductId, link.MissingSinceUtc is not null).ShouldBe((goneId, true));
    }

    [Fact]
    public async Task List_WhenAProductWithTheSkuIsAlreadyInTheStore_ThenItIsLinkedNotCreatedTwice()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await ProductsAsync(shop, "DUP", 2);
        // The store already has DUP-001 (an earlier run whose answer was lost, or the merchant's own).
        await using (var scope = fx.Portal.Services.CreateAsyncScope())
        {
            await using var db = shop.Db();
            var store = await db.Stores.SingleAsync();
            var client = scope.ServiceProvider.GetRequiredService<Portal.WooCommerce.StoreClients>().For(store);
            await client.CreateProductAsync(new Portal.WooCommerce.WooProduct { Name = "Old name", Sku = "DUP-001", Type = "simple" });
        }

        var report = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "DUP-" } });

        (report.Created, report.Updated, report.FailedCount).ShouldBe((1, 1, 0));
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Where(p => p.Sku == "DUP-001").Select(p => p.Name).ShouldBe(["DUP product 001"]);
        }
    }

    [Fact]
    public async Task UnlistAndUnlink_ThenTheStoreProductsAreTrashedOrKeptAndTheLinksForgotten()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await ProductsAsync(shop, "KEEP", 2);
        await ProductsAsync(shop, "DROP", 2);
        int[] variantIds;
        await using (var db = shop.Db())
        {
            var family = ProductFamily.Create(shop.Org, "Drop Hoodie", ["Size"]);
            var small = family.AddVariant("DROP-H-S", ["S"]);
            var large = family.AddVariant("DROP-H-L", ["L"]);
            db.ProductFamilies.Add(family);
            await db.SaveChangesAsync();
            variantIds = [small.Id, large.Id];
        }

        var listed = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter() });
        (listed.Created, listed.FailedCount).ShouldBe((6, 0));
        emulator.Requests.Entries.Count(r => r.Path.EndsWith("/variations/batch", StringComparison.Ordinal)).ShouldBe(1);

        var unlinked = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "KEEP-" }, Action = BulkListingAction.Unlink });
        var unlisted = await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "DROP" }, Action = BulkListingAction.Unlist });

        (unlinked.Unlinked, unlisted.Unlisted, unlisted.FailedCount).ShouldBe((2, 4, 0));
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Where(p => p.Sku!.StartsWith("KEEP-", StringComparison.Ordinal)).Select(p => p.Status).ShouldBe(["publish", "publish"]);
            emulator.Store.Products.Where(p => p.Sku == "DROP-001" || p.Sku == "DROP-002").Select(p => p.Status).ShouldBe(["trash", "trash"]);
            emulator.Store.Products.Single(p => p.Name == "Drop Hoodie" && !p.IsVariation).Status.ShouldBe("trash");
        }

        await using var check = shop.Db();
        (await check.StoreProductLinks.CountAsync()).ShouldBe(0);
        variantIds.Length.ShouldBe(2);
    }

    [Fact]
    public async Task List_WhenTheBufferMenuRemovesTheProductLevel_ThenTheStoreBufferAppliesAgain()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await shop.ChangeSettingsAsync(s => (s.UpdateStockLevels, s.UseBufferInventory, s.BufferInventory) = (true, true, 1));
        var ids = await ProductsAsync(shop, "BUF", 2);
        await AdjustAsync(shop, ids[0], 10m);
        var filter = new CatalogFilter { Search = "BUF-" };
        await BulkAsync(shop, new BulkListingRequest { Filter = filter, Buffer = BulkBufferChoice.SetProductLevel, BufferValue = 4 });
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Single(p => p.Sku == "BUF-001").StockQuantity.ShouldBe(6);
        }

        var kept = await BulkAsync(shop, new BulkListingRequest { Filter = filter, Buffer = BulkBufferChoice.KeepExisting });
        var removed = await BulkAsync(shop, new BulkListingRequest { Filter = filter, Buffer = BulkBufferChoice.RemoveProductLevel });

        (kept.BuffersChanged, removed.BuffersChanged).ShouldBe((0, 2));
        lock (emulator.Store.Sync)
        {
            emulator.Store.Products.Single(p => p.Sku == "BUF-001").StockQuantity.ShouldBe(9);
        }

        await using var db = shop.Db();
        (await db.StoreProductLinks.AllAsync(l => l.ProductBuffer == null)).ShouldBeTrue();
    }

    [Fact]
    public async Task Queue_WhenTheBufferMenuIsUsedWithoutBufferInventory_ThenRefusedWithTheReasonAndNothingQueued()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var operations = scope.ServiceProvider.GetRequiredService<CatalogOperations>();

        var refused = await operations.QueueAsync(FixedTenant.For(shop.Org), shop.StoreId, CatalogOperationKind.BulkListing, false, "t",
            new BulkListingRequest { Buffer = BulkBufferChoice.SetProductLevel, BufferValue = 2 }.ToJson());
        var sameStore = await operations.QueueAsync(FixedTenant.For(shop.Org), shop.StoreId, CatalogOperationKind.BulkListing, false, "t",
            new BulkListingRequest { Filter = new CatalogFilter { ListedInStoreId = shop.StoreId } }.ToJson());

        refused.Error.ShouldBe("Turn on Update Stock Levels and Use Buffer Inventory in the store's settings to change product buffers.");
        sameStore.Error.ShouldBe("\"Listed in\" must be another store than this one.");
        await using var db = shop.Db();
        (await db.CatalogOperations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Filters_WhenBrandFamilyTagAndListedIn_ThenOnlyMatchingProductsInSql()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        int brandId, familyId;
        await using (var db = shop.Db())
        {
            var brand = Brand.Create(shop.Org, "Acme");
            db.Brands.Add(brand);
            var family = ProductFamily.Create(shop.Org, "Filter Hoodie", ["Size"]);
            family.AddVariant("FH-S", ["S"]);
            db.ProductFamilies.Add(family);
            await db.SaveChangesAsync();
            brandId = brand.Id;
            familyId = family.Id;
        }

        await ProductsAsync(shop, "BR", 2, more: p => p.BrandId = brandId);
        await ProductsAsync(shop, "TG", 1, more: p => p.SetTags(["Sale", "Outdoor"]));
        await BulkAsync(shop, new BulkListingRequest { Filter = new CatalogFilter { Search = "BR-" } });
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<StoreCatalogQuery>();
        var tenant = FixedTenant.For(shop.Org);

        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { BrandId = brandId })).ShouldBe(2);
        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { FamilyId = familyId })).ShouldBe(1);
        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { Tag = "Sale" })).ShouldBe(1);
        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { Tag = "Outdoor" })).ShouldBe(3);
        // "Listed in" reads the links of the store named (here the only one, which has the two BR products).
        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { ListedInStoreId = shop.StoreId })).ShouldBe(2);
        (await query.CountAsync(tenant, shop.StoreId, new CatalogFilter { ListedInStoreId = shop.StoreId + 1000 })).ShouldBe(0);
        var choices = await query.FilterChoicesAsync(tenant, shop.StoreId);
        choices.Tags.ShouldBe(["Outdoor", "Sale"]);
        choices.Brands.Select(b => b.Name).ShouldBe(["Acme"]);
    }
}
