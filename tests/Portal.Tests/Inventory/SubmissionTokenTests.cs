using Microsoft.EntityFrameworkCore;
using Portal.Features.Common;
using Portal.Features.Customers;
using Portal.Features.Reference;

namespace Portal.Tests.Inventory;

/// <summary>A form's submission token against a real SQLite file: the second submit of a form does nothing twice.</summary>
public sealed class SubmissionTokenTests
{
    [Fact]
    public async Task CreateSale_WhenTheSameFormIsSubmittedTwiceAtOnce_ThenOneSaleOneAllocationAndBothAnswersNameIt()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var token = SubmissionToken.New();
        var draft = seed.Sale((seed.Widget, 2m));

        var results = await Task.WhenAll(
            database.Sales.CreateAsync(seed.Tenant, draft, placeOrder: true, submission: token),
            database.Sales.CreateAsync(seed.Tenant, draft, placeOrder: true, submission: token));

        results.ShouldAllBe(r => r.Succeeded);
        results[1].Value!.SaleId.ShouldBe(results[0].Value!.SaleId);
        await using var db = database.For(seed.Org);
        (await db.Sales.CountAsync()).ShouldBe(1);
        (await db.StockAllocations.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task SaveCustomer_WhenSubmittedAgainWithTheSameToken_ThenTheFirstCustomerIsAnsweredAndNoSecondIsMade()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = Portal.Data.Tenancy.FixedTenant.For(org);
        var customers = new CustomerBook(new UnitOfWork(database));
        var token = SubmissionToken.New();

        var first = await customers.SaveAsync(tenant, null, new CustomerInput { Name = "Garden Centre" }, submission: token);
        var second = await customers.SaveAsync(tenant, null, new CustomerInput { Name = "Garden Centre" }, submission: token);
        var fresh = await customers.SaveAsync(tenant, null, new CustomerInput { Name = "Garden Centre" }, submission: SubmissionToken.New());

        first.Succeeded.ShouldBeTrue(first.Error);
        second.Value.ShouldBe(first.Value);
        fresh.Value.ShouldNotBe(first.Value);
        await using var db = database.For(org);
        (await db.Customers.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task SaveCarrier_WhenTheFirstSubmitIsRefused_ThenTheTokenIsNotUsedUpAndTheCorrectedSubmitSaves()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = Portal.Data.Tenancy.FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var token = SubmissionToken.New();

        var refused = await editor.SaveCarrierAsync(tenant, null, "  ", submission: token);
        var saved = await editor.SaveCarrierAsync(tenant, null, "DHL", submission: token);
        var again = await editor.SaveCarrierAsync(tenant, null, "DHL", submission: token);

        refused.Succeeded.ShouldBeFalse();
        saved.Succeeded.ShouldBeTrue(saved.Error);
        again.Value.ShouldBe(saved.Value);
        await using var db = database.For(org);
        (await db.Carriers.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Submit_WhenTheTokenWasUsedByAnotherCommand_ThenItIsRefusedWithTheReason()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = Portal.Data.Tenancy.FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var token = SubmissionToken.New();

        (await editor.SaveCarrierAsync(tenant, null, "DHL", submission: token)).Succeeded.ShouldBeTrue();
        var brand = await editor.SaveBrandAsync(tenant, null, "Acme", submission: token);

        brand.Succeeded.ShouldBeFalse();
        brand.Error.ShouldBe("This form was already submitted; open it again to submit anew.");
        await using var db = database.For(org);
        (await db.Brands.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AdjustAndTransferStock_WhenSubmittedTwiceWithTheSameToken_ThenTheStockMovesOnce()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        var adjustment = SubmissionToken.New();
        var transfer = SubmissionToken.New();

        var adjusted = await Task.WhenAll(
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count", submission: adjustment),
            database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5m, "count", submission: adjustment));
        var moved = await Task.WhenAll(
            database.Stock.TransferAsync(seed.Tenant, seed.Widget, seed.Warehouse, seed.Shop, 2m, "to the shop", submission: transfer),
            database.Stock.TransferAsync(seed.Tenant, seed.Widget, seed.Warehouse, seed.Shop, 2m, "to the shop", submission: transfer));

        adjusted.ShouldAllBe(r => r.Succeeded);
        moved.ShouldAllBe(r => r.Succeeded);
        moved[1].Value.ShouldBe(moved[0].Value);
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Warehouse)).ShouldBe((3m, 3m));
        (await database.StockOfAsync(seed.Org, seed.Widget, seed.Shop)).ShouldBe((2m, 2m));
    }
}
