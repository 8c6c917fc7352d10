using Microsoft.EntityFrameworkCore;
using Portal.Domain.Sales;
using Portal.Features.Catalog;

namespace Portal.Tests.Inventory;

/// <summary>
/// Products not sold in fractions (the default) refuse a fractional quantity in every command that takes one, on the
/// Quantity field, with nothing saved; a product sold in fractions takes it.
/// </summary>
public sealed class WholeQuantityTests
{
    private const string Refusal = "WIDGET – Widget is not sold in fractions: enter a whole number, not 1.5.";

    [Fact]
    public async Task StockCommands_WhenAFractionOfAWholeNumberProduct_ThenRefusedOnTheQuantityAndNothingMoves()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 10m, "count")).Succeeded.ShouldBeTrue();

        var adjust = await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 1.5m, "count");
        var transfer = await database.Stock.TransferAsync(seed.Tenant, seed.Widget, seed.Warehouse, seed.Shop, 1.5m, "display");
        var sale = await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1.5m)), placeOrder: true);

        foreach (var refused in new[] { adjust.FieldErrors, transfer.FieldErrors, sale.FieldErrors })
        {
            refused.ShouldHaveSingleItem().ShouldBe(new Domain.ValidationError("Quantity", Refusal));
        }

        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((10m, 10m));
        await using var db = database.For(seed.Org);
        (await db.StockMovements.CountAsync()).ShouldBe(1);
        (await db.Sales.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task StockCommands_WhenTheProductIsSoldInFractions_ThenAFractionIsTaken()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await seed.SellInFractionsAsync(database, seed.Widget);

        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 2.5m, "cut")).Succeeded.ShouldBeTrue();
        (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 1.25m)), placeOrder: true)).Succeeded.ShouldBeTrue();

        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((2.5m, 2.5m));
    }

    [Fact]
    public async Task Restock_WhenAFractionOfAWholeNumberProduct_ThenRefusedAndNothingComesBack()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count")).Succeeded.ShouldBeTrue();
        var saleId = (await database.Sales.CreateAsync(seed.Tenant, seed.Sale((seed.Widget, 2m)), placeOrder: true,
            AutoAssemblyMode.None, AutoFulfilmentMode.PickPackShip)).Value!.SaleId;
        (await database.Sales.AuthoriseInvoiceAsync(seed.Tenant, saleId)).Succeeded.ShouldBeTrue();

        var refused = await database.Sales.CreateCreditNoteAsync(seed.Tenant, saleId, database.Clock.GetUtcNow().UtcDateTime, [],
            [new RestockInput(seed.Widget, 1.5m)]);

        refused.FieldErrors.ShouldHaveSingleItem().ShouldBe(new Domain.ValidationError("Quantity", Refusal));
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((3m, 3m));
    }

    [Fact]
    public async Task UpdateProduct_WhenFractionsAreSwitchedOffWithAFractionOnHand_ThenRefusedUntilTheStockIsWhole()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await seed.SellInFractionsAsync(database, seed.Widget);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 2.5m, "cut")).Succeeded.ShouldBeTrue();
        var input = new ProductInput { Sku = "WIDGET", Name = "Widget", SoldInFractions = false };

        var refused = await database.Catalog.UpdateAsync(seed.Tenant, seed.Widget, input);

        refused.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("SoldInFractions");
        await using (var db = database.For(seed.Org))
        {
            (await db.Products.SingleAsync(p => p.Id == seed.Widget)).SoldInFractions.ShouldBeTrue();
        }

        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 0.5m, "count")).Succeeded.ShouldBeTrue();
        (await database.Catalog.UpdateAsync(seed.Tenant, seed.Widget, input)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task MigrationBackfill_WhenAProductAlreadyHasAFractionalQuantity_ThenOnlyItIsSoldInFractions()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await seed.SellInFractionsAsync(database, seed.Widget);
        await seed.SellInFractionsAsync(database, seed.Gadget);
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 2.5m, "cut")).Succeeded.ShouldBeTrue();
        (await database.Stock.AdjustAsync(seed.Tenant, seed.Gadget, seed.Warehouse, 3m, "count")).Succeeded.ShouldBeTrue();
        await using var db = database.For(seed.Org);
        await db.Database.ExecuteSqlRawAsync("UPDATE Products SET SoldInFractions = 0");

        await db.Database.ExecuteSqlRawAsync(Data.Conventions.SoldInFractionsBackfill.Sql);

        (await db.Products.Where(p => p.SoldInFractions).Select(p => p.Id).ToListAsync()).ShouldBe([seed.Widget]);
    }
}
