using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Sales;
using Portal.Features.Catalog;
using Portal.Features.Common;
using Portal.Features.Customers;
using Portal.Features.Reference;
using Portal.Features.Sales;

namespace Portal.Tests.Inventory;

/// <summary>
/// Edits are saved under the version the page showed: a second user's save made after someone else's is refused
/// with the Version field's message, and what the first saved stays.
/// </summary>
public sealed class LostUpdateTests : IAsyncLifetime
{
    private InventoryDatabase _database = null!;
    private InventorySeed _seed = null!;

    public async Task InitializeAsync()
    {
        _database = await InventoryDatabase.CreateAsync();
        _seed = await InventorySeed.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task UpdateProduct_WhenSomeoneElseSavedSinceThePageRead_ThenRefusedAsAConflictAndTheirPriceStays()
    {
        var shown = await VersionOfAsync(db => db.Products, _seed.Widget);
        var first = await _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 11m), expectedVersion: shown);

        var second = await _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 10m, name: "Widget renamed"), expectedVersion: shown);

        first.Succeeded.ShouldBeTrue();
        second.Succeeded.ShouldBeFalse();
        second.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe(EditConflictException.Field);
        second.Error!.ShouldStartWith("Someone else saved this product after you opened it");
        await using var db = _database.For(_seed.Org);
        var widget = await db.Products.SingleAsync(p => p.Id == _seed.Widget);
        (widget.Name, widget.Price(1)).ShouldBe(("Widget", 11m));
        widget.Version.ShouldNotBe(shown);
    }

    [Fact]
    public async Task UpdateProduct_WhenTheConflictIsSeenAndSavedAgainUnderTheCurrentVersion_ThenTheUsersEntriesApply()
    {
        var shown = await VersionOfAsync(db => db.Products, _seed.Widget);
        (await _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 11m), expectedVersion: shown)).Succeeded.ShouldBeTrue();
        var current = await VersionOfAsync(db => db.Products, _seed.Widget);

        var again = await _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 11m, name: "Widget renamed"), expectedVersion: current);

        again.Succeeded.ShouldBeTrue();
        await using var db = _database.For(_seed.Org);
        (await db.Products.SingleAsync(p => p.Id == _seed.Widget)).Name.ShouldBe("Widget renamed");
    }

    [Fact]
    public async Task UpdateProduct_WhenTwoSavesUnderOneVersionMeetAtTheDatabase_ThenOneWinsAndTheOtherIsAConflict()
    {
        var shown = await VersionOfAsync(db => db.Products, _seed.Widget);
        // Both read the same version before either writes: only the database's concurrency token can tell them apart.
        _database.Interceptors.Add(new SaveBarrier(2));

        var results = await Task.WhenAll(
            Task.Run(() => _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 11m), expectedVersion: shown)),
            Task.Run(() => _database.Catalog.UpdateAsync(_seed.Tenant, _seed.Widget, Widget(price: 12m), expectedVersion: shown)));

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Single(r => !r.Succeeded).FieldErrors.ShouldHaveSingleItem().Field.ShouldBe(EditConflictException.Field);
        var winner = results[0].Succeeded ? 11m : 12m;
        await using var db = _database.For(_seed.Org);
        (await db.Products.SingleAsync(p => p.Id == _seed.Widget)).Price(1).ShouldBe(winner);
    }

    [Fact]
    public async Task SaveCustomer_WhenSomeoneElseSavedSinceTheDialogOpened_ThenRefusedAsAConflict()
    {
        var book = new CustomerBook(new UnitOfWork(_database));
        var shown = await VersionOfAsync(db => db.Customers, _seed.Customer);
        (await book.SaveAsync(_seed.Tenant, _seed.Customer, new CustomerInput { Name = "Renamed once" }, expectedVersion: shown)).Succeeded.ShouldBeTrue();

        var stale = await book.SaveAsync(_seed.Tenant, _seed.Customer, new CustomerInput { Name = "Renamed twice" }, expectedVersion: shown);

        stale.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe(EditConflictException.Field);
        await using var db = _database.For(_seed.Org);
        (await db.Customers.SingleAsync(c => c.Id == _seed.Customer)).Name.ShouldBe("Renamed once");
    }

    [Fact]
    public async Task SaveReferenceRows_WhenSomeoneElseSavedSinceTheEditorOpened_ThenRefusedAsAConflict()
    {
        var editor = new ReferenceBookEditor(new UnitOfWork(_database));
        var rule = (await editor.SaveTaxRuleAsync(_seed.Tenant, null, "VAT", 20m, false)).Value;
        var term = (await editor.SavePaymentTermAsync(_seed.Tenant, null, "Net 30", 30, false)).Value;
        var ruleShown = await VersionOfAsync(db => db.TaxRules, rule);
        var termShown = await VersionOfAsync(db => db.PaymentTerms, term);
        var carrierShown = await VersionOfAsync(db => db.Carriers, _seed.Carrier);
        (await editor.SaveTaxRuleAsync(_seed.Tenant, rule, "VAT", 21m, false, expectedVersion: ruleShown)).Succeeded.ShouldBeTrue();
        (await editor.SavePaymentTermAsync(_seed.Tenant, term, "Net 30", 45, false, expectedVersion: termShown)).Succeeded.ShouldBeTrue();
        (await editor.SaveCarrierAsync(_seed.Tenant, _seed.Carrier, "Courier A", expectedVersion: carrierShown)).Succeeded.ShouldBeTrue();

        var staleRule = await editor.SaveTaxRuleAsync(_seed.Tenant, rule, "VAT", 20m, false, expectedVersion: ruleShown);
        var staleTerm = await editor.SavePaymentTermAsync(_seed.Tenant, term, "Net 30", 30, false, expectedVersion: termShown);
        var staleCarrier = await editor.SaveCarrierAsync(_seed.Tenant, _seed.Carrier, "Courier B", expectedVersion: carrierShown);

        staleRule.FieldErrors.ShouldHaveSingleItem().Message.ShouldStartWith("Someone else saved this tax rule");
        staleTerm.FieldErrors.ShouldHaveSingleItem().Message.ShouldStartWith("Someone else saved this payment term");
        staleCarrier.FieldErrors.ShouldHaveSingleItem().Message.ShouldStartWith("Someone else saved this carrier");
        await using var db = _database.For(_seed.Org);
        (await db.TaxRules.SingleAsync(t => t.Id == rule)).Rate.ShouldBe(21m);
        (await db.PaymentTerms.SingleAsync(t => t.Id == term)).Days.ShouldBe(45);
        (await db.Carriers.SingleAsync(c => c.Id == _seed.Carrier)).Name.ShouldBe("Courier A");
    }

    [Fact]
    public async Task UpdateSaleDetails_WhenTheSaleChangedSinceThePageRead_ThenRefusedOnTheVersionField()
    {
        var saleId = (await _database.Sales.CreateAsync(_seed.Tenant, _seed.Sale((_seed.Widget, 1m)), placeOrder: false)).Value!.SaleId;
        Sale sale;
        await using (var db = _database.For(_seed.Org))
        {
            sale = await db.Sales.SingleAsync(s => s.Id == saleId);
        }

        (await _database.Sales.UpdateHeaderAsync(_seed.Tenant, saleId, sale.Header with { Reference = "PO-1" }, sale.Version)).Succeeded.ShouldBeTrue();
        var stale = await _database.Sales.UpdateHeaderAsync(_seed.Tenant, saleId, sale.Header with { Reference = "PO-2" }, sale.Version);

        stale.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe(EditConflictException.Field);
        await using var after = _database.For(_seed.Org);
        (await after.Sales.SingleAsync(s => s.Id == saleId)).Reference.ShouldBe("PO-1");
    }

    private static ProductInput Widget(decimal price, string name = "Widget") => new()
    {
        Sku = "WIDGET", Name = name, Prices = new Dictionary<int, decimal> { [1] = price },
    };

    private async Task<Guid> VersionOfAsync<T>(Func<Portal.Data.PortalDbContext, IQueryable<T>> rows, int id) where T : class, IVersioned
    {
        await using var db = _database.For(_seed.Org);
        return await rows(db).Where(r => EF.Property<int>(r, "Id") == id).Select(r => r.Version).SingleAsync();
    }
}
