using Microsoft.EntityFrameworkCore;
using Portal.Features.Stock;

namespace Portal.Tests.Inventory;

/// <summary>
/// Each store acknowledges the stock-change markers it pushed, by id; a marker goes once every store that follows the
/// changes has it. The "push" here tells a store the real availability of the batch's products, or fails the way a
/// store that is down does.
/// </summary>
public sealed class StockChangeAcknowledgementTests
{
    [Fact]
    public async Task TwoStores_WhenOneFailsItsPushes_ThenNeitherLosesAChange()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var (seed, up, down) = await TwoStoresAsync(database);

        await Adjust(database, seed, seed.Widget, 5m);
        await up.PushAsync();
        await down.PushAsync(fails: true);
        await Adjust(database, seed, seed.Gadget, 3m);
        await up.PushAsync();
        await down.PushAsync(fails: true);

        (up.Told[seed.Widget], up.Told[seed.Gadget]).ShouldBe((5m, 3m));
        (down.Told[seed.Widget], down.Told[seed.Gadget]).ShouldBe((0m, 0m), "the store that is down was told only its full push");
        (await MarkerCountAsync(database, seed)).ShouldBe(2, "the store that is down still needs both changes");

        var backlog = await down.PushAsync();
        backlog.ProductIds.ShouldBe([seed.Widget, seed.Gadget], ignoreOrder: true);
        down.Told.ShouldBe(up.Told);
        (await MarkerCountAsync(database, seed)).ShouldBe(0, "no store needs a marker any more");
        (await up.PushAsync()).IsEmpty.ShouldBeTrue();
        (await down.PushAsync()).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task TwoStores_WhenTheSecondPushesFirst_ThenTheFirstStillGetsTheChange()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var (seed, _, second) = await TwoStoresAsync(database);

        await Adjust(database, seed, seed.Widget, 4m);
        var read = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        await second.PushAsync();

        read.ProductIds.ShouldBe([seed.Widget]);
        (await database.Changes.ReadAsync(seed.Tenant, seed.Store)).ChangeIds.ShouldBe(read.ChangeIds);
    }

    [Fact]
    public async Task StoreConnectedLater_ThenStartsFromAFullPushAndItsFirstFailureKeepsItFull()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var first = new TellStore(database, seed, seed.Store);
        await first.PushAsync();
        await Adjust(database, seed, seed.Widget, 5m);
        await first.PushAsync();

        var later = await seed.AddStoreAsync(database, "Later store");
        (await database.Changes.ReadAsync(seed.Tenant, later)).ShouldSatisfyAllConditions(
            b => b.FullPush.ShouldBeTrue(), b => b.ChangeIds.ShouldBeEmpty());
        // Its full push failed: the next read is still a full one.
        (await database.Changes.ReadAsync(seed.Tenant, later)).FullPush.ShouldBeTrue();

        await database.Changes.AcknowledgeAsync(seed.Tenant, await database.Changes.ReadAsync(seed.Tenant, later));
        (await database.Changes.ReadAsync(seed.Tenant, later)).ShouldSatisfyAllConditions(
            b => b.FullPush.ShouldBeFalse(), b => b.IsEmpty.ShouldBeTrue());
    }

    [Fact]
    public async Task Disconnect_WhenTheOnlyStoreStillNeedingMarkersGoes_ThenPruningDeletesThem()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var (seed, up, gone) = await TwoStoresAsync(database);
        await Adjust(database, seed, seed.Widget, 5m);
        await up.PushAsync();

        (await MarkerCountAsync(database, seed)).ShouldBe(1);
        await using (var db = database.For(seed.Org))
        {
            await db.Stores.Where(s => s.Id == gone.StoreId).ExecuteDeleteAsync();
            (await db.StockChangeAcknowledgements.CountAsync()).ShouldBe(1, "the acknowledgements of the store went with it");
        }

        await database.Changes.PruneAsync(seed.Tenant);
        (await MarkerCountAsync(database, seed)).ShouldBe(0);
        await using (var db = database.For(seed.Org))
        {
            (await db.StockChangeAcknowledgements.CountAsync()).ShouldBe(0);
        }
    }

    [Fact]
    public async Task Acknowledge_WhenTheSameBatchIsAcknowledgedTwice_ThenALaterChangeIsNotTakenForIt()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await new TellStore(database, seed, seed.Store).PushAsync();
        await Adjust(database, seed, seed.Widget, 5m);
        var batch = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        await database.Changes.AcknowledgeAsync(seed.Tenant, batch);
        await Adjust(database, seed, seed.Gadget, 1m);

        await database.Changes.AcknowledgeAsync(seed.Tenant, batch);

        (await database.Changes.ReadAsync(seed.Tenant, seed.Store)).ProductIds.ShouldBe([seed.Gadget]);
    }

    /// <summary>An organization with two stores that have both had their first, full push.</summary>
    private static async Task<(InventorySeed Seed, TellStore First, TellStore Second)> TwoStoresAsync(InventoryDatabase database)
    {
        var seed = await InventorySeed.CreateAsync(database);
        var first = new TellStore(database, seed, seed.Store);
        var second = new TellStore(database, seed, await seed.AddStoreAsync(database, "Second store"));
        await first.PushAsync();
        await second.PushAsync();
        return (seed, first, second);
    }

    private static async Task Adjust(InventoryDatabase database, InventorySeed seed, int product, decimal quantity) =>
        (await database.Stock.AdjustAsync(seed.Tenant, product, seed.Warehouse, quantity, "count")).Error.ShouldBeNull();

    private static async Task<int> MarkerCountAsync(InventoryDatabase database, InventorySeed seed)
    {
        await using var db = database.For(seed.Org);
        return await db.StockChanges.CountAsync();
    }

    /// <summary>A store as stock sync drives it: read, tell the store the current availability, acknowledge.</summary>
    private sealed class TellStore(InventoryDatabase database, InventorySeed seed, int storeId)
    {
        public int StoreId => storeId;

        /// <summary>What the store was told: product → available.</summary>
        public Dictionary<int, decimal> Told { get; } = [];

        public async Task<StockChangeBatch> PushAsync(bool fails = false)
        {
            var batch = await database.Changes.ReadAsync(seed.Tenant, storeId);
            if (fails)
            {
                return batch; // the store did not answer: nothing is acknowledged
            }

            var products = batch.FullPush ? null : batch.ProductIds;
            if (products is not { Count: 0 })
            {
                var stock = await database.Availability.GetAsync(seed.Tenant, new AvailabilityFilter { ProductIds = products?.ToList() });
                foreach (var product in stock.Products)
                {
                    Told[product.ProductId] = product.Available;
                }
            }

            await database.Changes.AcknowledgeAsync(seed.Tenant, batch);
            return batch;
        }
    }
}
