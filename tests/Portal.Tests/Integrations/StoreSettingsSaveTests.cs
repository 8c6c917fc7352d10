using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Customers;
using Portal.Domain.Reference;
using Portal.Domain.Stock;
using Portal.Features.Integrations;

namespace Portal.Tests.Integrations;

/// <summary>
/// Saving the integration settings against a real portal database and a store connected through the emulator: every
/// id is checked again at save time, since rows may go away between the wizard's steps and a circuit can send any id.
/// </summary>
public sealed class StoreSettingsSaveTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private sealed record Books(int Customer, int Location, int Revenue, int Bank, int SalesRep, int TaxFree, int Vat);

    private async Task<(int Org, int StoreId, Books Books)> ConnectedStoreWithBooksAsync(global::WooCommerce.Emulator.WooEmulator emulator)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var connected = await fx.ConnectClassicAsync(org, emulator);
        connected.Succeeded.ShouldBeTrue(connected.Message);
        return (org, await StoreIdAsync(org), await BooksAsync(org));
    }

    private async Task<int> StoreIdAsync(int org)
    {
        await using var db = fx.Db(org);
        return await db.Stores.Select(s => s.Id).SingleAsync();
    }

    private async Task<Books> BooksAsync(int org)
    {
        await using var db = fx.Db(org);
        var customer = Customer.Create(org, "Web customer");
        var location = Location.Create(org, "Back room");
        var revenue = Account.Create(org, "4100", "Web sales", AccountType.Revenue, false);
        var bank = Account.Create(org, "1100", "Web bank", AccountType.Bank, true);
        var rep = SalesRepresentative.Create(org, "Ann");
        var taxFree = TaxRule.Create(org, "Web tax free", 0, false);
        var vat = TaxRule.Create(org, "Web VAT", 20, false);
        db.AddRange(customer, location, revenue, bank, rep, taxFree, vat);
        await db.SaveChangesAsync();
        return new Books(customer.Id, location.Id, revenue.Id, bank.Id, rep.Id, taxFree.Id, vat.Id);
    }

    private static StoreSettings Pointing(Books books) => new()
    {
        CustomerId = books.Customer,
        RegularPriceTier = 3,
        SalePriceTier = 4,
        LocationId = books.Location,
        RevenueAccountId = books.Revenue,
        SalesRepresentativeId = books.SalesRep,
        PaymentMappings =
        [
            new PaymentMapping { GatewayId = "bacs", GatewayTitle = "Direct bank transfer", AccountId = books.Bank },
            new PaymentMapping { GatewayId = "cod", GatewayTitle = "Cash on delivery" },
        ],
        TaxFreeRuleId = books.TaxFree,
        ShippingTaxRuleId = books.Vat,
        FeesTaxRuleId = books.Vat,
        TaxRates =
        [
            new TaxRateMapping { RateId = 7, TaxClass = "Standard", Description = "VAT 20% GB", TaxRuleId = books.Vat },
            new TaxRateMapping { RateId = 8, TaxClass = "Zero rate", Description = "VAT 0% GB" },
        ],
    };

    private async Task<StoreSettingsSaveResult> SaveAsync(int org, int storeId, StoreSettings settings, StoredSettings? expected = null)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoreSettingsService>().SaveAsync(org, storeId, settings, expected: expected);
    }

    [Fact]
    public async Task SaveAsync_WhenSomeoneElseSavedSinceThePageRead_ThenNothingIsSavedAndTheConflictNamesWhatDiffers()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        (await SaveAsync(org, storeId, Pointing(books))).Saved.ShouldBeTrue();
        var read = new StoredSettings(await StoredSettingsAsync(org, storeId));
        var theirs = Pointing(books);
        theirs.RegularPriceTier = 5;
        (await SaveAsync(org, storeId, theirs, read)).Saved.ShouldBeTrue();
        var mine = Pointing(books);
        mine.SalePriceTier = 6;

        var stale = await SaveAsync(org, storeId, mine, read);
        var again = await SaveAsync(org, storeId, theirs, read);

        stale.Saved.ShouldBeFalse();
        stale.Errors[StoreSettingsService.VersionField].ShouldStartWith("Someone else saved this store's settings after you opened them");
        stale.Errors[StoreSettingsService.VersionField].ShouldContain("Regular price tier");
        StoreSettings.FromJson(stale.SavedJson).RegularPriceTier.ShouldBe(5);
        StoreSettings.FromJson(await StoredSettingsAsync(org, storeId)).SalePriceTier.ShouldBe(4);
        // Saving what is already saved (a second click) answers as the first save did.
        again.Saved.ShouldBeTrue();
        (await SaveAsync(org, storeId, mine, new StoredSettings(stale.SavedJson))).Saved.ShouldBeTrue();
        StoreSettings.FromJson(await StoredSettingsAsync(org, storeId)).SalePriceTier.ShouldBe(6);
    }

    private async Task<string?> StoredSettingsAsync(int org, int storeId)
    {
        await using var db = fx.Db(org);
        return await db.Stores.Where(s => s.Id == storeId).Select(s => s.SettingsJson).SingleAsync();
    }

    [Fact]
    public async Task SaveAsync_WhenEveryChosenRowExists_ThenSavesTheSettings()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);

        var result = await SaveAsync(org, storeId, Pointing(books));

        result.Saved.ShouldBeTrue(string.Join(" ", result.Errors.Values));
        var stored = StoreSettings.FromJson(await StoredSettingsAsync(org, storeId));
        stored.CustomerId.ShouldBe(books.Customer);
        stored.SalePriceTier.ShouldBe(4);
        stored.PaymentMappings.Single(p => p.GatewayId == "bacs").AccountId.ShouldBe(books.Bank);
        stored.TaxRates.Single(r => r.RateId == 7).TaxRuleId.ShouldBe(books.Vat);
    }

    [Fact]
    public async Task SaveAsync_WhenAllLocationsAndNoOptionalChoices_ThenSaves()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        var settings = Pointing(books);
        settings.LocationId = null;
        settings.RevenueAccountId = null;
        settings.SalesRepresentativeId = null;

        var result = await SaveAsync(org, storeId, settings);

        result.Saved.ShouldBeTrue(string.Join(" ", result.Errors.Values));
        StoreSettings.FromJson(await StoredSettingsAsync(org, storeId)).LocationId.ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_WhenChosenRowsWereDeletedMeanwhile_ThenAMessagePerFieldAndNothingSaved()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        var settings = Pointing(books);
        await using (var db = fx.Db(org))
        {
            await db.Customers.Where(c => c.Id == books.Customer).ExecuteDeleteAsync();
            await db.Locations.Where(l => l.Id == books.Location).ExecuteDeleteAsync();
            await db.Accounts.Where(a => a.Id == books.Revenue || a.Id == books.Bank).ExecuteDeleteAsync();
            await db.SalesRepresentatives.Where(r => r.Id == books.SalesRep).ExecuteDeleteAsync();
            await db.TaxRules.Where(t => t.Id == books.TaxFree || t.Id == books.Vat).ExecuteDeleteAsync();
        }

        var result = await SaveAsync(org, storeId, settings);

        result.Saved.ShouldBeFalse();
        result.Step.ShouldBe(1, "the wizard goes back to the first step with a problem");
        result.Errors.Keys.ShouldBe(
        [
            nameof(StoreSettings.CustomerId), nameof(StoreSettings.LocationId), nameof(StoreSettings.RevenueAccountId),
            nameof(StoreSettings.SalesRepresentativeId), StoreSettingsService.PaymentField("bacs"),
            nameof(StoreSettings.TaxFreeRuleId), nameof(StoreSettings.ShippingTaxRuleId), nameof(StoreSettings.FeesTaxRuleId),
            StoreSettingsService.TaxRateField(7),
        ], ignoreOrder: true);
        result.Errors[nameof(StoreSettings.CustomerId)].ShouldBe("The customer chosen no longer exists: choose another.");
        result.Errors[nameof(StoreSettings.LocationId)].ShouldContain("All Locations");
        result.Errors[StoreSettingsService.PaymentField("bacs")].ShouldContain("Direct bank transfer");
        result.Errors[StoreSettingsService.TaxRateField(7)].ShouldContain("VAT 20% GB");
        result.Errors[nameof(StoreSettings.TaxFreeRuleId)].ShouldContain("Tax Free rule");
        result.Errors[nameof(StoreSettings.ShippingTaxRuleId)].ShouldContain("shipping tax rule");
        result.Errors[nameof(StoreSettings.FeesTaxRuleId)].ShouldContain("fees tax rule");
        (await StoredSettingsAsync(org, storeId)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_WhenAccountsChangedMeanwhile_ThenRefusesAPaymentAccountThatCannotReceiveAndARevenueAccountOfAnotherType()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        await using (var db = fx.Db(org))
        {
            (await db.Accounts.SingleAsync(a => a.Id == books.Bank)).Change("1100", "Web bank", AccountType.Bank, canReceivePayments: false);
            (await db.Accounts.SingleAsync(a => a.Id == books.Revenue)).Change("4100", "Web sales", AccountType.Expense, false);
            await db.SaveChangesAsync();
        }

        var result = await SaveAsync(org, storeId, Pointing(books));

        result.Step.ShouldBe(4);
        result.Errors[StoreSettingsService.PaymentField("bacs")].ShouldBe(
            "1100 Web bank, chosen for Direct bank transfer, cannot receive payments: choose another, or leave it unmapped.");
        result.Errors[nameof(StoreSettings.RevenueAccountId)].ShouldContain("no longer a revenue account");
        result.Errors.Count.ShouldBe(2);
        (await StoredSettingsAsync(org, storeId)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_WhenACraftedMessageNamesRowsOfAnotherOrganizationOrATierOutOfRange_ThenRefusesEach()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, _) = await ConnectedStoreWithBooksAsync(emulator);
        var (otherOrg, _, _) = await fx.Portal.CreateOrganizationAsync();
        var foreign = await BooksAsync(otherOrg);
        var settings = Pointing(foreign);
        settings.RegularPriceTier = -1;
        settings.SalePriceTier = 11;

        var result = await SaveAsync(org, storeId, settings);

        result.Errors.Keys.ShouldBe(
        [
            nameof(StoreSettings.CustomerId), nameof(StoreSettings.RegularPriceTier), nameof(StoreSettings.SalePriceTier),
            nameof(StoreSettings.LocationId), nameof(StoreSettings.RevenueAccountId), nameof(StoreSettings.SalesRepresentativeId),
            StoreSettingsService.PaymentField("bacs"), nameof(StoreSettings.TaxFreeRuleId), nameof(StoreSettings.ShippingTaxRuleId),
            nameof(StoreSettings.FeesTaxRuleId),
            StoreSettingsService.TaxRateField(7),
        ], ignoreOrder: true);
        (await StoredSettingsAsync(org, storeId)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_WhenPricesAreNotSent_ThenSavedAndOneTierForBothPricesIsRefused()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        var settings = Pointing(books);
        (settings.RegularPriceTier, settings.SalePriceTier) = (3, 3);

        var refused = await SaveAsync(org, storeId, settings);

        refused.Errors[nameof(StoreSettings.SalePriceTier)].ShouldBe("The sale price needs a tier of its own (or Not sent).");
        (settings.RegularPriceTier, settings.SalePriceTier) = (StoreSettings.PriceNotSent, StoreSettings.PriceNotSent);
        (await SaveAsync(org, storeId, settings)).Saved.ShouldBeTrue();
        var stored = StoreSettings.FromJson(await StoredSettingsAsync(org, storeId));
        (StoreSettings.TierOf(stored.RegularPriceTier), StoreSettings.TierOf(stored.SalePriceTier)).ShouldBe((null, null));
    }

    [Fact]
    public async Task SaveAsync_WhenTheStoreIsOfAnotherOrganization_ThenRefusedAndItsSettingsUntouched()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId, books) = await ConnectedStoreWithBooksAsync(emulator);
        var (otherOrg, _, _) = await fx.Portal.CreateOrganizationAsync();
        var otherBooks = await BooksAsync(otherOrg);

        var result = await SaveAsync(otherOrg, storeId, Pointing(otherBooks));

        result.Saved.ShouldBeFalse();
        result.Errors.ShouldBe(new Dictionary<string, string> { [StoreSettingsService.StoreField] = "This store does not exist in your organization." });
        (await StoredSettingsAsync(org, storeId)).ShouldBeNull();
        (await SaveAsync(org, storeId, Pointing(books))).Saved.ShouldBeTrue();
    }
}
