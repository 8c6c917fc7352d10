using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Customers;
using Portal.Domain.Integrations;
using Portal.Domain.Reference;
using Portal.Features.Integrations;
using Portal.Tests.Infrastructure;
using WooCommerce.Emulator;

namespace Portal.Tests.Integrations;

/// <summary>
/// The "done when": two stores of one organization, one connected by app authorization and one by Classic,
/// configured independently, and invisible to a user of another organization on every page that shows a store.
/// </summary>
public sealed class TwoStoresTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task TwoStores_WhenConnectedOneEachWayAndConfiguredApart_ThenEachKeepsItsSettingsAndAnotherOrganizationSeesNeither()
    {
        var (org, ownerEmail, ownerPassword) = await fx.Portal.CreateOrganizationAsync();
        var (other, otherEmail, otherPassword) = await fx.Portal.CreateOrganizationAsync();
        await using var classic = await fx.StartStoreAsync();
        await using var app = await fx.StartStoreAsync(new EmulatorOptions { AllowHttpAuthCallback = true });
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ConnectStore>();
        var finish = scope.ServiceProvider.GetRequiredService<FinishAppAuthorization>();

        (await fx.ConnectClassicAsync(org, classic, name: "Classic shop")).Succeeded.ShouldBeTrue();
        var start = await connector.StartAppAuthorizationAsync(FixedTenant.For(org), "user-1", "App shop", app.BaseUrl);
        var back = QueryHelpers.ParseQuery((await StorePortalFixture.WalkAuthorizationAsync(app, start.AuthorizeUrl!, approve: true)).Query);
        var connected = await finish.CompleteAppAuthorizationAsync(FixedTenant.For(org), back["success"], back["user_id"], false);
        connected.Succeeded.ShouldBeTrue(connected.Message);

        Dictionary<string, ConnectedStore> stores;
        int retail, wholesale, taxFree, vat;
        await using (var db = fx.Db(org))
        {
            stores = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Name);
            stores["Classic shop"].ConnectionMethod.ShouldBe(StoreConnectionMethod.Classic);
            stores["App shop"].ConnectionMethod.ShouldBe(StoreConnectionMethod.AppAuthorization);
            var customers = new[] { Customer.Create(org, "Retail web"), Customer.Create(org, "Wholesale web") };
            var rules = new[] { TaxRule.Create(org, "Free", 0, false), TaxRule.Create(org, "VAT", 20, false) };
            db.AddRange(customers);
            db.AddRange(rules);
            await db.SaveChangesAsync();
            (retail, wholesale, taxFree, vat) = (customers[0].Id, customers[1].Id, rules[0].Id, rules[1].Id);
        }

        // Each store's own gateways and rates, read from it, then different choices saved for each.
        var settingsService = scope.ServiceProvider.GetRequiredService<StoreSettingsService>();
        async Task SaveAsync(ConnectedStore store, Action<StoreSettings> choose)
        {
            var settings = StoreSettings.FromJson(null);
            await using (var db = fx.Db(org))
            {
                (await settingsService.LoadAsync(db, store, settings)).StoreReadError.ShouldBeNull();
            }

            choose(settings);
            var saved = await settingsService.SaveAsync(org, store.Id, settings);
            saved.Saved.ShouldBeTrue(string.Join(" ", saved.Errors.Values));
        }

        await SaveAsync(stores["Classic shop"], s => (s.CustomerId, s.OrderCapture, s.SalePriceTier, s.TaxFreeRuleId, s.ShippingTaxRuleId) =
            (retail, OrderCapture.Paid, 2, taxFree, vat));
        await SaveAsync(stores["App shop"], s => (s.CustomerId, s.OrderCapture, s.SalePriceTier, s.TaxFreeRuleId, s.ShippingTaxRuleId) =
            (wholesale, OrderCapture.Completed, 5, taxFree, taxFree));

        await using (var db = fx.Db(org))
        {
            var saved = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Name, s => StoreSettings.FromJson(s.SettingsJson));
            (saved["Classic shop"].CustomerId, saved["Classic shop"].OrderCapture, saved["Classic shop"].SalePriceTier, saved["Classic shop"].ShippingTaxRuleId)
                .ShouldBe((retail, OrderCapture.Paid, 2, vat));
            (saved["App shop"].CustomerId, saved["App shop"].OrderCapture, saved["App shop"].SalePriceTier, saved["App shop"].ShippingTaxRuleId)
                .ShouldBe((wholesale, OrderCapture.Completed, 5, taxFree));
            saved.Values.ShouldAllBe(s => s.PaymentMappings.Count > 0 && s.TaxRates.Count > 0);
            foreach (var store in stores.Values)
            {
                (await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(), 0, 25, default)).Total.ShouldBeGreaterThan(0, store.Name);
            }
        }

        using var owner = fx.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(owner, ownerEmail, ownerPassword);
        var ownList = await owner.GetStringAsync("/integrations/woocommerce");
        ownList.ShouldContain("Classic shop");
        ownList.ShouldContain("App shop");

        using var stranger = fx.Portal.CreateBrowserClient();
        await StaticForm.SignInAsync(stranger, otherEmail, otherPassword);
        var list = await stranger.GetAsync("/integrations/woocommerce");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listHtml = await list.Content.ReadAsStringAsync();
        listHtml.ShouldNotContain("Classic shop");
        listHtml.ShouldNotContain("App shop");
        await using var otherDb = fx.Db(other);
        foreach (var store in stores.Values)
        {
            var page = await stranger.GetStringAsync($"/integrations/woocommerce/{store.Id}");
            page.ShouldContain("This store does not exist in your organization.");
            page.ShouldNotContain(store.Url);
            page.ShouldNotContain(store.Name);
            var settingsPage = await stranger.GetStringAsync($"/integrations/woocommerce/{store.Id}/settings");
            settingsPage.ShouldContain("This store does not exist in your organization.");
            settingsPage.ShouldNotContain(store.Name);
            (await StoreActivityQuery.PageAsync(otherDb, store.Id, new ActivityFilter(), 0, 25, default)).Total
                .ShouldBe(0, "the activity log is read through the user's organization");
            (await settingsService.SaveAsync(other, store.Id, new StoreSettings())).Errors.Keys.ShouldBe([StoreSettingsService.StoreField]);
        }
    }
}
