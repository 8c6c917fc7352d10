using Portal.Domain.Sales;
using Portal.Features.Common;
using Portal.Features.Sales;

namespace Portal.Tests.Inventory;

/// <summary>Every change of availability leaves a marker for stock sync, saved with the change itself.</summary>
public sealed class DirtyMarkingTests
{
    [Fact]
    public async Task EveryAvailabilityChange_WhenSaved_ThenMarksItsProductsForStockSync()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        int saleId = 0;

        await Marks(database, seed, [seed.Widget], // adjust
            () => database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count"));
        await Marks(database, seed, [seed.Gadget], // transfer (both locations, one product)
            async () =>
            {
                await Unmarked(database.Stock.AdjustAsync(seed.Tenant, seed.Gadget, seed.Warehouse, 2m, "count"), database, seed);
                return await database.Stock.TransferAsync(seed.Tenant, seed.Gadget, seed.Warehouse, seed.Shop, 1m, null);
            });
        await Marks(database, seed, [seed.Widget, seed.Gadget], // allocate
            async () =>
            {
                var created = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m), (seed.Gadget, 1m)),
                    placeOrder: true, AutoAssemblyMode.None, AutoFulfilmentMode.None);
                saleId = created.Value!.SaleId;
                return created;
            });
        await Marks(database, seed, [seed.Widget, seed.Gadget], // pick (on hand and allocation)
            () => database.Sales.AuthorisePickAsync(seed.Tenant, saleId));
        await Unmarked(database.Sales.AuthorisePackAsync(seed.Tenant, saleId), database, seed);
        await Unmarked(database.Sales.AuthoriseInvoiceAsync(seed.Tenant, saleId), database, seed);
        await Marks(database, seed, [seed.Widget], // restock
            () => database.Sales.CreateCreditNoteAsync(seed.Tenant, saleId, database.Clock.GetUtcNow().UtcDateTime, [],
                [new RestockInput(seed.Widget, 1m)]));
        await Marks(database, seed, [seed.Widget, seed.Gadget], // void (reversal of what was picked)
            () => database.Sales.VoidAsync(seed.Tenant, saleId, null));

        var release = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Gadget, 1m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None)).Value!.SaleId;
        await Acknowledge(database, seed);
        await Marks(database, seed, [seed.Gadget], // release of an allocation
            () => database.Sales.VoidAsync(seed.Tenant, release, null));
    }

    [Fact]
    public async Task Feed_WhenAChangeLandsBetweenReadAndAcknowledge_ThenItSurvivesForTheNextRun()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count")).Succeeded.ShouldBeTrue();
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Shop, 5m, "count")).Succeeded.ShouldBeTrue();

        var batch = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Gadget, seed.Warehouse, 1m, "count")).Succeeded.ShouldBeTrue();
        await database.Changes.AcknowledgeAsync(seed.Tenant, batch);

        batch.ProductIds.ShouldBe([seed.Widget]);
        batch.ChangeIds.Count.ShouldBe(2);
        var next = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        next.ProductIds.ShouldBe([seed.Gadget]);
        next.ChangeIds.Min().ShouldBeGreaterThan(batch.ChangeIds.Max());
    }

    [Fact]
    public async Task Feed_WhenUsedForAnotherOrganization_ThenNeitherSeesNorDeletesThisOnesChanges()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var other = await InventorySeed.CreateAsync(database, "Other");
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count")).Succeeded.ShouldBeTrue();

        var seen = await database.Changes.ReadAsync(other.Tenant, other.Store);
        var ours = await database.Changes.ReadAsync(seed.Tenant, seed.Store);
        await database.Changes.AcknowledgeAsync(other.Tenant, ours);

        seen.ChangeIds.ShouldBeEmpty();
        (await database.Changes.ReadAsync(seed.Tenant, seed.Store)).ShouldBeEquivalentTo(ours);
    }

    private static async Task Marks<T>(InventoryDatabase database, InventorySeed seed, int[] products, Func<Task<T>> change)
        where T : OperationResult
    {
        await Acknowledge(database, seed);
        var result = await change();
        result.Error.ShouldBeNull();
        (await database.Changes.ReadAsync(seed.Tenant, seed.Store)).ProductIds.ShouldBe(products, ignoreOrder: true);
    }

    private static async Task Unmarked<T>(Task<T> step, InventoryDatabase database, InventorySeed seed)
        where T : OperationResult
    {
        (await step).Error.ShouldBeNull();
        await Acknowledge(database, seed);
    }

    private static async Task Acknowledge(InventoryDatabase database, InventorySeed seed) =>
        await database.Changes.AcknowledgeAsync(seed.Tenant, await database.Changes.ReadAsync(seed.Tenant, seed.Store));
}
