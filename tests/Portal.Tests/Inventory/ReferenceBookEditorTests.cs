using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Domain;
using Portal.Domain.Organizations;
using Portal.Domain.Reference;
using Portal.Domain.Sales;
using Portal.Features.Common;
using Portal.Features.Reference;
using Portal.Features.Stock;
using UserTenant = Portal.Tests.Sales.SalesBunit.UserTenant;

namespace Portal.Tests.Inventory;

public sealed class ReferenceBookEditorTests
{
    [Fact]
    public async Task SaveLocation_WhenMadeDefault_ThenItIsTheOnlyDefaultAndADuplicateNameIsAFieldError()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));

        var first = await editor.SaveLocationAsync(tenant, null, "Warehouse", makeDefault: false);
        var second = await editor.SaveLocationAsync(tenant, null, "Shop", makeDefault: true);
        var clash = await editor.SaveLocationAsync(tenant, null, "warehouse", makeDefault: false);

        await using var db = database.For(org);
        (await db.Locations.Where(l => l.IsDefault).Select(l => l.Id).ToListAsync()).ShouldBe([second.Value]);
        first.Succeeded.ShouldBeTrue();
        clash.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("Name");
        (await db.Locations.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Delete_WhenTheRowIsUnusedInUseDefaultOrAnotherOrganizations_ThenOnlyTheUnusedOneGoes()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var other = await database.CreateOrganizationAsync("Other");
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var unused = await editor.SaveCategoryAsync(tenant, null, "Seasonal");
        var used = await editor.SaveCategoryAsync(tenant, null, "Garden");
        var main = await editor.SaveLocationAsync(tenant, null, "Main", makeDefault: true);
        var theirs = await editor.SaveCategoryAsync(FixedTenant.For(other), null, "Theirs");
        await using (var db = database.For(org))
        {
            var product = Portal.Domain.Catalog.Product.Create(org, "SPADE", "Spade");
            product.CategoryId = used.Value;
            db.Products.Add(product);
            await db.SaveChangesAsync();
        }

        var deleted = await editor.DeleteAsync<Portal.Domain.Catalog.Category>(tenant, unused.Value, "category");
        var inUse = await editor.DeleteAsync<Portal.Domain.Catalog.Category>(tenant, used.Value, "category");
        var byDefault = await editor.DeleteAsync<Portal.Domain.Stock.Location>(tenant, main.Value, "location");
        var foreign = await editor.DeleteAsync<Portal.Domain.Catalog.Category>(tenant, theirs.Value, "category");
        var readOnly = await editor.DeleteAsync<Portal.Domain.Catalog.Category>(new UserTenant(org, Permissions.ReadOnly), used.Value, "category");

        deleted.Succeeded.ShouldBeTrue();
        inUse.Error.ShouldBe("This category is still used (by products, customers, sales, stock movements or the sales defaults) and cannot be deleted. Rename it instead.");
        byDefault.Error.ShouldBe("This is the default location: make another location the default first.");
        foreign.Error.ShouldBe($"The category {theirs.Value} does not exist.");
        readOnly.Succeeded.ShouldBeFalse();
        await using var check = database.For(org);
        (await check.Categories.Select(c => c.Name).ToListAsync()).ShouldBe(["Garden"]);
        (await check.Locations.CountAsync()).ShouldBe(1);
        await using var theirsDb = database.For(other);
        (await theirsDb.Categories.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Delete_WhenAStoresIntegrationSettingsChoseTheRow_ThenKeptWithTheStoreNamed()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var shipping = await editor.SaveTaxRuleAsync(tenant, null, "Shipping VAT", 20, false);
        var spare = await editor.SaveTaxRuleAsync(tenant, null, "Spare", 5, false);
        await using (var db = database.For(org))
        {
            db.Stores.Add(new Portal.Domain.Integrations.ConnectedStore
            {
                PublicKey = "k1", Name = "Garden shop", Url = "https://garden.example", NormalizedUrl = "garden.example",
                Currency = "USD", TimeZone = "UTC", Status = Portal.Domain.Integrations.StoreStatus.Connected,
                SettingsJson = new Portal.Features.Integrations.StoreSettings { ShippingTaxRuleId = shipping.Value }.ToJson(),
            });
            await db.SaveChangesAsync();
        }

        var chosen = await editor.DeleteAsync<TaxRule>(tenant, shipping.Value, "tax rule");
        var unused = await editor.DeleteAsync<TaxRule>(tenant, spare.Value, "tax rule");

        chosen.Error.ShouldBe("This tax rule is chosen in the integration settings of the store 'Garden shop': choose another there first.");
        unused.Succeeded.ShouldBeTrue();
        await using var check = database.For(org);
        (await check.TaxRules.Select(r => r.Name).ToListAsync()).ShouldBe(["Shipping VAT"]);
    }

    [Fact]
    public async Task SavePaymentTerm_WhenTheFirstIsSaved_ThenItBecomesTheDefaultUntilAnotherIsChosen()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));

        var cash = await editor.SavePaymentTermAsync(tenant, null, "Cash", 0, makeDefault: false);
        await editor.SavePaymentTermAsync(tenant, null, "30 days", 30, makeDefault: false);
        await using (var db = database.For(org))
        {
            (await db.PaymentTerms.SingleAsync(t => t.IsDefault)).Id.ShouldBe(cash.Value);
        }

        var net60 = await editor.SavePaymentTermAsync(tenant, null, "60 days", 60, makeDefault: true);
        var invalid = await editor.SavePaymentTermAsync(tenant, cash.Value, "Cash", -1, makeDefault: false);

        await using var check = database.For(org);
        (await check.PaymentTerms.SingleAsync(t => t.IsDefault)).Id.ShouldBe(net60.Value);
        invalid.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("Days");
        (await check.PaymentTerms.SingleAsync(t => t.Id == cash.Value)).Days.ShouldBe(0);
    }

    [Fact]
    public async Task ReferenceRows_WhenSaved_ThenTierNamesAccountsAndTheSalesDefaultsFollowTheDomainRules()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));

        var names = Enumerable.Range(1, 10).Select(t => t == 2 ? "Wholesale" : null).ToArray();
        (await editor.SavePriceTierNamesAsync(tenant, names)).Succeeded.ShouldBeTrue();
        var sales = await editor.SaveAccountAsync(tenant, null, "4000", "Sales", AccountType.Revenue, false);
        var refused = await editor.SaveAccountAsync(tenant, null, "4100", "Other", AccountType.Revenue, canReceivePayments: true);
        var sameCode = await editor.SaveAccountAsync(tenant, null, "4000", "Again", AccountType.Revenue, false);
        var bank = await editor.SaveAccountAsync(tenant, null, "1000", "Bank", AccountType.Bank, true);
        var notRevenue = await editor.SetSalesDefaultsAsync(tenant, new SalesDefaults(bank.Value, AutoFulfilmentMode.Pick, AutoAssemblyMode.None));
        var unknownMode = await editor.SetSalesDefaultsAsync(tenant, new SalesDefaults(sales.Value, (AutoFulfilmentMode)7, (AutoAssemblyMode)9));
        var chosen = await editor.SetSalesDefaultsAsync(tenant,
            new SalesDefaults(sales.Value, AutoFulfilmentMode.PickPack, AutoAssemblyMode.ForMinimumRequiredForPicking));
        var rule = await editor.SaveTaxRuleAsync(tenant, null, "VAT", 120, false);

        await using var db = database.For(org);
        PriceTierName.Resolve(await db.PriceTierNames.ToListAsync()).Take(3).ShouldBe(["Tier 1", "Wholesale", "Tier 3"]);
        refused.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("CanReceivePayments");
        sameCode.FieldErrors.ShouldHaveSingleItem().Message.ShouldBe("Another account already has the code '4000'.");
        notRevenue.FieldErrors.Select(e => e.Field).ShouldBe(["DefaultSalesAccountId"]);
        unknownMode.FieldErrors.Select(e => e.Field).ShouldBe(["AutoFulfilment", "AutoAssembly"]);
        chosen.Succeeded.ShouldBeTrue();
        var settings = await db.SalesSettings.SingleAsync();
        (settings.DefaultSalesAccountId, settings.AutoFulfilment, settings.AutoAssembly)
            .ShouldBe((sales.Value, AutoFulfilmentMode.PickPack, AutoAssemblyMode.ForMinimumRequiredForPicking));
        rule.FieldErrors.ShouldHaveSingleItem().Field.ShouldBe("Rate");
    }

    [Fact]
    public async Task SalesDefaults_WhenADefaultSaleTaxRuleIsChosen_ThenSavedOnlyIfTheRuleExistsAndItCannotBeDeleted()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var tenant = FixedTenant.For(org);
        var editor = new ReferenceBookEditor(new UnitOfWork(database));
        var vat = await editor.SaveTaxRuleAsync(tenant, null, "VAT", 20m, false);

        var unknown = await editor.SetSalesDefaultsAsync(tenant, new SalesDefaults(null, AutoFulfilmentMode.None, AutoAssemblyMode.None, vat.Value + 99));
        var chosen = await editor.SetSalesDefaultsAsync(tenant, new SalesDefaults(null, AutoFulfilmentMode.None, AutoAssemblyMode.None, vat.Value));
        var deleted = await editor.DeleteAsync<TaxRule>(tenant, vat.Value, "tax rule");

        unknown.FieldErrors.ShouldHaveSingleItem().ShouldBe(new ValidationError("DefaultSaleTaxRuleId", "The tax rule chosen no longer exists: choose another."));
        chosen.Succeeded.ShouldBeTrue();
        deleted.Error.ShouldBe("This tax rule is still used (by products, customers, sales, stock movements or the sales defaults) and cannot be deleted. Rename it instead.");
        await using var db = database.For(org);
        (await db.SalesSettings.SingleAsync()).DefaultSaleTaxRuleId.ShouldBe(vat.Value);
    }

    [Fact]
    public async Task EnsureLocalPickup_WhenTheOrganizationHasNoCarrier_ThenAddsItOnceEvenForAReadOnlyUser()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var org = await database.CreateOrganizationAsync();
        var editor = new ReferenceBookEditor(new UnitOfWork(database));

        await editor.EnsureLocalPickupAsync(new UserTenant(org, Permissions.ReadOnly));
        await editor.EnsureLocalPickupAsync(FixedTenant.For(org));
        await editor.EnsureLocalPickupAsync(FixedTenant.SupportReading(org));

        await using var db = database.For(org);
        (await db.Carriers.Select(c => c.Name).ToListAsync()).ShouldBe([Carrier.LocalPickupName]);
    }

    [Fact]
    public async Task MovementHistory_WithoutAProduct_ThenPagesEveryProductsMovementsNewestFirst()
    {
        await using var database = await InventoryDatabase.CreateAsync();
        var seed = await InventorySeed.CreateAsync(database);
        await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Warehouse, 5, "first");
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await database.Stock.AdjustAsync(seed.Tenant, seed.Gadget, seed.Shop, 3, "second");
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await database.Stock.AdjustAsync(seed.Tenant, seed.Widget, seed.Shop, 2, "third");
        var history = new MovementHistory(database);

        var all = await history.GetAsync(seed.Tenant, null, null, 0, 2);
        var atShop = await history.GetAsync(seed.Tenant, null, seed.Shop, 0, 10);

        all.Total.ShouldBe(3);
        all.Rows.Select(r => r.Reason).ShouldBe(["third", "second"]);
        atShop.Rows.Select(r => r.Reason).ShouldBe(["third", "second"]);
    }
}
