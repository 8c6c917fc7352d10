using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organizations;
using Portal.Features.Catalog;
using Portal.Features.Common;
using Portal.Features.Customers;
using Portal.Features.Reference;
using UserTenant = Portal.Tests.Sales.SalesBunit.UserTenant;

namespace Portal.Tests.Inventory;

/// <summary>The handlers themselves refuse what a user's permissions do not cover; hiding buttons is not the guard.</summary>
public sealed class PermissionTests
{
    [Fact]
    public async Task Handlers_WhenTheUserIsReadOnly_ThenEveryChangeIsRefusedAndNothingIsStored()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var reader = new UserTenant(seed.Org, Permissions.ReadOnly);
        var unitOfWork = new UnitOfWork(database);

        var results = new OperationResult[]
        {
            await database.Catalog.CreateAsync(reader, new ProductInput { Sku = "NEW", Name = "New" }),
            await database.Catalog.CreateFamilyAsync(reader, "Tee", ["Size"], [new VariantInput("TEE-S", ["S"])]),
            await database.Stock.AdjustAsync(reader, seed.Widget, seed.Warehouse, 5, "count"),
            await new CustomerBook(unitOfWork).SaveAsync(reader, null, new CustomerInput { Name = "Bob" }),
            await new ReferenceBookEditor(unitOfWork).SaveLocationAsync(reader, null, "Back room", false),
        };

        results.ShouldAllBe(r => !r.Succeeded && r.Error!.StartsWith("You can view "));
        await using var db = database.For(seed.Org);
        (await db.Products.CountAsync()).ShouldBe(4);
        (await db.StockMovements.CountAsync()).ShouldBe(0);
        (await db.Customers.CountAsync()).ShouldBe(1);
        (await db.Locations.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Handlers_WhenTheUserIsSales_ThenStockAndCustomersMayChangeButProductsAndReferenceBooksMayNot()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var clerk = new UserTenant(seed.Org, Permissions.Sales);
        var unitOfWork = new UnitOfWork(database);

        var adjusted = await database.Stock.AdjustAsync(clerk, seed.Widget, seed.Warehouse, 5, "count");
        var customer = await new CustomerBook(unitOfWork).SaveAsync(clerk, null, new CustomerInput { Name = "Bob" });
        var product = await database.Catalog.UpdateAsync(clerk, seed.Widget, new ProductInput { Sku = "WIDGET", Name = "Widget 2" });
        var carrier = await new ReferenceBookEditor(unitOfWork).SaveCarrierAsync(clerk, null, "Courier");

        adjusted.Succeeded.ShouldBeTrue();
        customer.Succeeded.ShouldBeTrue();
        product.Error.ShouldBe("You can view products but not change them: only administrators can.");
        carrier.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task Handlers_WhenAJobActsForTheOrganization_ThenNoUserPermissionIsAsked()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);

        var adjusted = await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5, "sync");

        adjusted.Succeeded.ShouldBeTrue();
    }
}
