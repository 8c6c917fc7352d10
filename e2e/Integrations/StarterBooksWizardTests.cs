using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Domain.Customers;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using KeyPermission = WooCommerce.Emulator.Model.KeyPermission;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Integrations;

/// <summary>
/// A new organization starts with its starter reference books, so the store wizard offers a choice in every list they
/// feed: price tiers, location, revenue and payment accounts, tax rules.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class StarterBooksWizardTests(PortalFixture fixture)
{
    [Fact]
    public async Task Wizard_WhenTheOrganizationIsNew_ThenEveryReferenceListHasChoices()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Starter");
        var key = store.CreateKey(KeyPermission.ReadWrite, "starter");
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(Portal.Data.Tenancy.FixedTenant.For(owner.OrganizationId), "Starter shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
        }

        // Customers are the merchant's own data, not a starter book: the wizard's first step needs one.
        await using (var db = server.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId))
        {
            db.Customers.Add(Customer.Create(owner.OrganizationId, "Web shop customer"));
            await db.SaveChangesAsync();
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Wizard_WhenTheOrganizationIsNew_ThenEveryReferenceListHasChoices), server);
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}/settings");
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Step 1 of 7");
        await session.WaitForInteractiveAsync();
        await session.ChooseAsync("Customer", "Web shop customer");
        await Next(page, "Prices");

        (await OptionsAsync(page, "Regular Price Tier", session)).ShouldBe(
            ["Not sent", "Retail", "Sale", "Wholesale", "Distributor", "Trade", "VIP", "Staff", "Online", "Outlet", "Special"]);
        (await OptionsAsync(page, "Sale Price Tier")).Count.ShouldBe(11, "the ten tier names and Not sent");
        await session.ScreenshotAsync("wizard-prices");
        await Next(page, "Fulfilment");

        (await OptionsAsync(page, "Location", session)).ShouldBe(["All Locations", "Main Warehouse"]);
        await session.ScreenshotAsync("wizard-fulfilment");
        await Next(page, "Accounts");

        (await OptionsAsync(page, "Revenue Account", session)).ShouldBe(["200 Sales"]);
        var gateways = page.Locator(".payment-mapping");
        await Expect(gateways).ToHaveCountAsync(3);
        (await OptionsAsync(page, gateways.First, session, "payment account")).ShouldBe(["090 Bank", "095 Payment Clearing"]);
        await session.ScreenshotAsync("wizard-accounts");
        await Next(page, "Catalog");
        await Next(page, "Taxes");

        (await OptionsAsync(page, "Tax Free rule", session)).ShouldBe(["Standard Tax", "Tax Free"]);
        (await OptionsAsync(page, "Shipping tax rule")).ShouldBe(["Standard Tax", "Tax Free"]);
        (await OptionsAsync(page, page.Locator(".tax-mapping").First)).ShouldBe(["Standard Tax", "Tax Free"]);
        await session.ScreenshotAsync("wizard-taxes");
        session.ShouldHaveNoBrowserErrors();
    }

    private static async Task Next(IPage page, string step)
    {
        await page.Locator("#wizard-next").ClickAsync();
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync(step);
    }

    private static Task<IReadOnlyList<string>> OptionsAsync(IPage page, string label, BrowserSession? session = null) =>
        OptionsAsync(page, page.Locator(".mud-select", new PageLocatorOptions { HasText = label }).First, session, label);

    /// <summary>The texts of a select's options, read from its open list (shot while open), which is closed again.</summary>
    private static async Task<IReadOnlyList<string>> OptionsAsync(IPage page, ILocator select, BrowserSession? session = null, string? shot = null)
    {
        await select.ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        if (session is not null)
        {
            await session.ScreenshotAsync("open-" + shot?.ToLowerInvariant().Replace(' ', '-'));
        }

        var texts = (await items.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        return texts;
    }
}
