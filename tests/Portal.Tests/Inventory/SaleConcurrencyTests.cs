using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sales;

namespace Portal.Tests.Inventory;

public sealed class SaleConcurrencyTests
{
    [Fact]
    public async Task Pick_WhenTwoUsersPickTheLastUnitAtTheSameMoment_ThenOneSucceedsAndTheOtherIsToldWhy()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var (seed, first, second) = await TwoSalesForTheLastUnitAsync(database);
        var conflicts = new ConflictCounter();
        database.Interceptors.AddRange([new SaveBarrier(2), conflicts]);

        var results = await Task.WhenAll(
            database.Sales.AuthorisePickAsync(seed.Tenant, first),
            database.Sales.AuthorisePickAsync(seed.Tenant, second));

        conflicts.Count.ShouldBe(1, "both saw one unit on hand; the balance's token must refuse the second write");
        results.Count(r => r.Succeeded).ShouldBe(1);
        var refused = results.Single(r => !r.Succeeded);
        refused.Error.ShouldBe("The pick would take on hand below zero: WIDGET – Widget is short by 1.");
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((0m, 0m));
    }

    [Fact]
    public async Task Pick_WhenTheVersionTokensAreRemoved_ThenBothUsersPickTheSameUnit()
    {
        // The control for the test above: the same interleaving without the guard takes one unit twice.
        await using var database = await InventoryDatabase.CreateAsync();
        var (seed, first, second) = await TwoSalesForTheLastUnitAsync(database);
        database.WithoutVersionTokens = true;
        database.Interceptors.Add(new SaveBarrier(2));

        var results = await Task.WhenAll(
            database.Sales.AuthorisePickAsync(seed.Tenant, first),
            database.Sales.AuthorisePickAsync(seed.Tenant, second));

        results.ShouldAllBe(r => r.Succeeded);
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((0m, -1m));
    }

    [Fact]
    public async Task Invoice_WhenManySalesAreInvoicedInParallel_ThenNumbersRunFromOneWithoutGapsOrRepeats()
    {
        const int Sales = 10;
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var ids = new List<int>();
        for (var i = 0; i < Sales; i++)
        {
            ids.Add((await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Gadget, 1m)), placeOrder: true)).Value!.SaleId);
        }

        var results = await Task.WhenAll(ids.Select(id => Task.Run(() => database.Sales.AuthoriseInvoiceAsync(seed.Tenant, id))));

        results.ShouldAllBe(r => r.Succeeded);
        await using var db = database.For(seed.Org);
        var numbers = await db.Sales.Select(s => s.InvoiceNumber).ToListAsync();
        numbers.Order().ShouldBe(Enumerable.Range(1, Sales).Select(InvoiceNumber.Format));
    }

    [Fact]
    public async Task Invoice_WhenARefusedInvoiceTookANumber_ThenTheNumberIsGivenBackAndTheNextSaleGetsIt()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var draft = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Gadget, 1m)), placeOrder: false)).Value!.SaleId;
        var ordered = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Gadget, 1m)), placeOrder: true)).Value!.SaleId;

        var refused = await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, draft);
        var invoiced = await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, ordered);
        var twice = await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, ordered);

        refused.Error.ShouldBe("Authorise the order before invoicing.");
        invoiced.Succeeded.ShouldBeTrue();
        twice.Error.ShouldBe("The invoice INV-00001 is already authorised.");
        await using var db = database.For(seed.Org);
        (await db.Sales.Where(s => s.InvoiceNumber != null).Select(s => s.InvoiceNumber).ToListAsync()).ShouldBe(["INV-00001"]);
        (await db.InvoiceSequences.Select(s => s.LastNumber).SingleAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Step_WhenThePageShowedAnOlderVersion_ThenTheStepIsRefused()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Gadget, 1m)), placeOrder: false)).Value!.SaleId;
        Guid shown;
        await using (var db = database.For(seed.Org))
        {
            shown = await db.Sales.Where(s => s.Id == saleId).Select(s => s.Version).SingleAsync();
        }

        (await database.Sales.AddChargeAsync(seed.Tenant, saleId, new Features.Sales.SaleChargeInput("Shipping", 5m), shown)).Succeeded.ShouldBeTrue();
        var stale = await database.Sales.AddChargeAsync(seed.Tenant, saleId, new Features.Sales.SaleChargeInput("Shipping", 5m), shown);

        stale.Error!.ShouldStartWith("The sale was changed by someone else since you opened it");
    }

    private static async Task<(InventorySeed Seed, int First, int Second)> TwoSalesForTheLastUnitAsync(InventoryDatabase database)
    {
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 1m, "last one")).Succeeded.ShouldBeTrue();
        var first = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None);
        var second = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.None);
        return (seed, first.Value!.SaleId, second.Value!.SaleId);
    }
}
