using Microsoft.EntityFrameworkCore;
using Portal.Domain.Reference;
using Portal.Domain.Stock;
using Portal.Features.Common;
using Portal.Features.Reference;

namespace Portal.Tests.Inventory;

/// <summary>The starter reference books: added once per organization, never beside a row the merchant already has.</summary>
public sealed class StarterReferenceBooksTests
{
    private static StarterReferenceBooks Starter(InventoryDatabase database) => new(new UnitOfWork(database), database, database.Clock);

    [Fact]
    public async Task AddMissing_WhenTheOrganizationIsNew_ThenEveryListIsFilledWithItsDefaults()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();

        var added = await Starter(database).AddMissingAsync(org);

        added.ShouldBe(1 + 4 + 2 + 2 + 1 + 10);
        await using var db = database.For(org);
        (await db.Locations.SingleAsync()).ShouldSatisfyAllConditions(l => l.Name.ShouldBe("Main Warehouse"), l => l.IsDefault.ShouldBeTrue());
        (await db.PaymentTerms.SingleAsync(t => t.IsDefault)).Name.ShouldBe("Due on receipt");
        var settings = await db.SalesSettings.SingleAsync();
        (await db.TaxRules.SingleAsync(t => t.Id == settings.DefaultSaleTaxRuleId)).Name.ShouldBe("Standard Tax");
        (await db.Accounts.SingleAsync(a => a.Id == settings.DefaultSalesAccountId)).Name.ShouldBe("Sales");
        (await db.Carriers.SingleAsync()).IsLocalPickup.ShouldBeTrue();
        (await db.PriceTierNames.CountAsync()).ShouldBe(10);
        (await db.Organizations.SingleAsync(o => o.Id == org)).StarterBooksAddedAtUtc.ShouldBe(database.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task AddMissing_WhenTheOrganizationHasSomeAlready_ThenAddsOnlyTheOthersAndKeepsItsDefaults()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var tenant = Portal.Data.Tenancy.FixedTenant.For(org);
        (await editor.SaveLocationAsync(tenant, null, "MAIN WAREHOUSE", false)).Succeeded.ShouldBeTrue();
        var shop = await editor.SaveLocationAsync(tenant, null, "Shop", makeDefault: true);
        (await editor.SaveTaxRuleAsync(tenant, null, "tax free", 0m, false)).Succeeded.ShouldBeTrue();
        var term = await editor.SavePaymentTermAsync(tenant, null, "14 days", 14, makeDefault: true);

        await Starter(database).AddMissingAsync(org);

        await using var db = database.For(org);
        (await db.Locations.Select(l => l.Name).ToListAsync()).ShouldBe(["MAIN WAREHOUSE", "Shop"], ignoreOrder: true);
        (await db.Locations.SingleAsync(l => l.IsDefault)).Id.ShouldBe(shop.Value);
        (await db.TaxRules.Select(t => t.Name).ToListAsync()).ShouldBe(["tax free", "Standard Tax"], ignoreOrder: true);
        (await db.PaymentTerms.SingleAsync(t => t.IsDefault)).Id.ShouldBe(term.Value);
        (await db.PaymentTerms.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task AddMissing_WhenRunAgainAfterTheMerchantDeletedAStarterRow_ThenNothingComesBack()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var other = await database.CreateOrganizationAsync("Other");
        var starter = Starter(database);
        await starter.AddMissingAsync(org);
        await using (var db = database.For(org))
        {
            await db.TaxRules.Where(t => t.Name == StarterBooks.TaxFreeName).ExecuteDeleteAsync();
        }

        (await starter.AddMissingAsync(org)).ShouldBe(0);
        await starter.AddToEveryOrganizationAsync();

        await using (var db = database.For(org))
        {
            (await db.TaxRules.Select(t => t.Name).ToListAsync()).ShouldBe([StarterBooks.StandardTaxName]);
        }

        await using (var db = database.For(other))
        {
            (await db.Locations.Select(l => l.Name).ToListAsync()).ShouldBe([StarterBooks.LocationName], "start-up gives them to an organization created before");
        }
    }
}
