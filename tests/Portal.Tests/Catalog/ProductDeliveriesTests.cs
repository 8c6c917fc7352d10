using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Integrations;
using Portal.Features.StoreCatalog;
using Portal.Tests.Integrations;
using Portal.WooCommerce;
using Quartz;

namespace Portal.Tests.Catalog;

/// <summary>Product deliveries keep the catalog true (read from the store first: a delivery is only a hint), and a
/// catalog operation cut off by a crash stops blocking the store.</summary>
public sealed class ProductDeliveriesTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private async Task<(CatalogTestStore Shop, int ProductId, long WooId, WooClient Client)> ListedAsync()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        int productId;
        await using (var db = shop.Db())
        {
            var product = Product.Create(shop.Org, "HINT-1", "Hint product");
            product.Category = Category.Create(shop.Org, "Portal Category");
            product.Description = "Portal words";
            db.Products.Add(product);
            await db.SaveChangesAsync();
            productId = product.Id;
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var listed = await scope.ServiceProvider.GetRequiredService<StoreCatalogListing>().ListAsync(FixedTenant.For(shop.Org), shop.StoreId, productId);
        listed.Succeeded.ShouldBeTrue(listed.Error);
        await using var check = shop.Db();
        var link = await check.StoreProductLinks.SingleAsync(l => l.ProductId == productId);
        var store = await check.Stores.SingleAsync();
        // The store's own deliveries (listing, and what earlier tests left in the shared inbox) are drained first, so
        // each test counts only what it delivers.
        await shop.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));
        await ProcessAsync();
        return (shop, productId, link.WooProductId, scope.ServiceProvider.GetRequiredService<StoreClients>().For(store));
    }

    private static async Task DeliverAsync(CatalogTestStore shop, string topic, long wooId)
    {
        await using var db = shop.Db();
        db.WebhookInbox.Add(new WebhookInboxEntry
        {
            OrganizationId = shop.Org, StoreId = shop.StoreId, DeliveryId = Guid.NewGuid().ToString("N"), Topic = topic,
            ResourceId = wooId.ToString(System.Globalization.CultureInfo.InvariantCulture), Body = $"{{\"id\":{wooId}}}",
            ReceivedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private async Task<int> ProcessAsync()
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProcessProductDeliveries>().RunAsync();
    }

    private static async Task<StoreProductLink> LinkAsync(CatalogTestStore shop, int productId)
    {
        await using var db = shop.Db();
        return await db.StoreProductLinks.AsNoTracking().SingleAsync(l => l.ProductId == productId);
    }

    [Fact]
    public async Task Deleted_WhenTheStoreStillHasTheProduct_ThenNothingChanges_AndWhenTrashed_ThenMissingUntilRestored()
    {
        var (shop, productId, wooId, client) = await ListedAsync();
        await using var emulator = shop.Emulator;

        // A delivery says deleted, the store says it is there: the store wins.
        await DeliverAsync(shop, "product.deleted", wooId);
        (await ProcessAsync()).ShouldBe(1);
        (await LinkAsync(shop, productId)).MissingSinceUtc.ShouldBeNull();

        // Trashed: the store's own product.deleted delivery comes in.
        await client.DeleteProductAsync(wooId, force: false);
        await emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));
        (await ProcessAsync()).ShouldBe(1);
        (await LinkAsync(shop, productId)).MissingSinceUtc.ShouldNotBeNull();
        await using (var scope = fx.Portal.Services.CreateAsyncScope())
        {
            var row = (await scope.ServiceProvider.GetRequiredService<StoreCatalogQuery>()
                .GetAsync(FixedTenant.For(shop.Org), shop.StoreId, new CatalogFilter(), 0, 10, productId)).Rows.ShouldHaveSingleItem();
            row.Missing.ShouldBeTrue();
        }

        lock (emulator.Store.Sync)
        {
            emulator.Store.Product((int)wooId)!.Status = "publish";
        }

        await DeliverAsync(shop, "product.updated", wooId);
        (await ProcessAsync()).ShouldBe(1);
        (await LinkAsync(shop, productId)).MissingSinceUtc.ShouldBeNull();
        // Processed rows are not processed again.
        (await ProcessAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Trashed_InTheStore_ThenTheStoreSendsProductDeleted_AndAfterTheDrainTheLinkIsMissing()
    {
        var (shop, productId, wooId, client) = await ListedAsync();
        await using var emulator = shop.Emulator;

        // As wp-admin's "Move to Trash": a delete without force trashes, and WooCommerce fires product.deleted for it.
        await client.DeleteProductAsync(wooId, force: false);
        await emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));

        var id = wooId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        emulator.Webhooks.Deliveries.ShouldContain(d => d.Topic == "product.deleted" && !d.IsPing && d.Succeeded, "the store has the portal's product.deleted webhook");
        await using (var db = shop.Db())
        {
            (await db.WebhookInbox.AsNoTracking().SingleAsync(w => w.Topic == "product.deleted" && w.ProcessedAtUtc == null)).ResourceId.ShouldBe(id);
        }

        (await ProcessAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await LinkAsync(shop, productId)).MissingSinceUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task Updated_WhenWooCommerceIsMaster_ThenTheRootCategoryAndDescriptionFollow_AndWhenNot_ThenThePortalKeepsItsOwn()
    {
        var (shop, productId, wooId, client) = await ListedAsync();
        await using var emulator = shop.Emulator;
        var top = await client.CreateCategoryAsync(new WooCategory { Name = "Outdoor Living" });
        var child = await client.CreateCategoryAsync(new WooCategory { Name = "Shears", Parent = top.Id });
        await client.UpdateProductAsync(wooId, new WooProduct { Categories = [new WooRef { Id = child.Id }], Description = "Store words" });

        await DeliverAsync(shop, "product.updated", wooId);
        await ProcessAsync();
        await using (var db = shop.Db())
        {
            var kept = await db.Products.Include(p => p.Category).SingleAsync(p => p.Id == productId);
            (kept.Category!.Name, kept.Description).ShouldBe(("Portal Category", "Portal words"));
        }

        await shop.ChangeSettingsAsync(s => s.WooCommerceIsMasterForCategoriesAndDescriptions = true);
        await DeliverAsync(shop, "product.updated", wooId);
        await ProcessAsync();

        await using var check = shop.Db();
        var followed = await check.Products.Include(p => p.Category).SingleAsync(p => p.Id == productId);
        (followed.Category!.Name, followed.Description).ShouldBe(("Outdoor Living", "Store words"));
    }

    [Fact]
    public async Task Process_WhenTwoRunnersDrainTogether_ThenEachDeliveryIsProcessedOnce()
    {
        var (shop, _, wooId, _) = await ListedAsync();
        await using var emulator = shop.Emulator;
        for (var i = 0; i < 6; i++)
        {
            await DeliverAsync(shop, "product.updated", wooId);
        }

        await DeliverAsync(shop, "order.created", 188);

        var runs = await Task.WhenAll(ProcessAsync(), ProcessAsync());

        runs.Sum().ShouldBe(6);
        await using var db = shop.Db();
        // Order deliveries are left to the orders processor.
        (await db.WebhookInbox.SingleAsync(w => w.ProcessedAtUtc == null)).Topic.ShouldBe("order.created");
    }

    [Fact]
    public async Task Queue_WhenTheRunningOperationStoppedBeating_ThenItIsInterruptedAndTheNextOneStarts()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        long crashedId;
        await using (var db = shop.Db())
        {
            var crashed = CatalogOperation.Queue(shop.Org, shop.StoreId, CatalogOperationKind.DownloadProducts, false, "t", clock.GetUtcNow().UtcDateTime);
            crashed.Start(clock.GetUtcNow().UtcDateTime);
            db.CatalogOperations.Add(crashed);
            await db.SaveChangesAsync();
            crashedId = crashed.Id;
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var operations = new CatalogOperations(scope.ServiceProvider.GetRequiredService<Portal.Features.Common.UnitOfWork>(),
            scope.ServiceProvider.GetRequiredService<ISchedulerFactory>(), clock);
        var tenant = FixedTenant.For(shop.Org);

        clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await operations.QueueAsync(tenant, shop.StoreId, CatalogOperationKind.DownloadCustomers, false, "t");
        refused.Error.ShouldBe("Another catalog operation of this store is still running; wait for it to finish or cancel it.");

        clock.Advance(CatalogOperation.RunningStaleAfter);
        var queued = await operations.QueueAsync(tenant, shop.StoreId, CatalogOperationKind.DownloadCustomers, false, "t");

        queued.Succeeded.ShouldBeTrue(queued.Error);
        await using var check = shop.Db();
        var interrupted = await check.CatalogOperations.AsNoTracking().SingleAsync(o => o.Id == crashedId);
        (interrupted.Status, interrupted.Error).ShouldBe((CatalogOperationStatus.Failed, CatalogOperation.InterruptedMessage));
    }

    [Fact]
    public async Task Sweep_WhenOperationsAreStale_ThenOnlyThoseAreMarkedInterrupted()
    {
        var shop = await CatalogTestStore.ConnectAsync(fx);
        await using var emulator = shop.Emulator;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow().UtcDateTime;
        long lostId, aliveId;
        await using (var db = shop.Db())
        {
            // Queued but its trigger was lost with the node; and one running whose heartbeat is recent.
            var lost = CatalogOperation.Queue(shop.Org, shop.StoreId, CatalogOperationKind.BulkListing, false, "t", start);
            var alive = CatalogOperation.Queue(shop.Org, shop.StoreId, CatalogOperationKind.DownloadProducts, false, "t", start);
            alive.Start(start + CatalogOperation.QueuedStaleAfter);
            db.CatalogOperations.AddRange(lost, alive);
            await db.SaveChangesAsync();
            (lostId, aliveId) = (lost.Id, alive.Id);
        }

        clock.Advance(CatalogOperation.QueuedStaleAfter + TimeSpan.FromMinutes(1));
        var sweep = new SweepCatalogOperations(fx.Portal.Services.GetRequiredService<IPortalDbContextFactory>(), clock);

        (await sweep.RunAsync()).ShouldBe(1);

        await using var check = shop.Db();
        var rows = await check.CatalogOperations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        (rows[lostId].Status, rows[lostId].Error).ShouldBe((CatalogOperationStatus.Failed, CatalogOperation.InterruptedMessage));
        rows[aliveId].Status.ShouldBe(CatalogOperationStatus.Running);
    }
}
