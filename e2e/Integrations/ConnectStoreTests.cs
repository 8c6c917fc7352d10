using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Domain.Customers;
using Portal.Domain.Reference;
using Portal.E2E.Infrastructure;
using WooCommerce.Emulator;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Integrations;

/// <summary>A merchant connects a store through WooCommerce's authorization page, completes the wizard and sees it listed healthy.</summary>
[Collection(PortalCollection.Name)]
public sealed class ConnectStoreTests(PortalFixture fixture)
{
    [Fact]
    public async Task ConnectByAppAuthorization_ThenWizard_ThenListedAsHealthy()
    {
        // The portal's own address is the public one; the emulator may call back over http (a real store would not).
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync();
        var options = new EmulatorOptions { AllowHttpAuthCallback = true, WebhookDelay = TimeSpan.FromMilliseconds(20) };
        await using var store = await WooEmulator.StartAsync(options);
        store.SeedFixtureStore();
        lock (store.Store.Sync)
        {
            store.Store.Settings.Currency = "EUR"; // the organization's base currency
            store.Store.Settings.TimezoneString = "Europe/Berlin";
        }

        var owner = await server.CreateOrganizationAsync("Shop");
        await using (var db = server.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId))
        {
            db.Customers.Add(Customer.Create(owner.OrganizationId, "Web shop customer"));
            db.TaxRules.Add(TaxRule.Create(owner.OrganizationId, "Tax exempt", 0m, false));
            db.TaxRules.Add(TaxRule.Create(owner.OrganizationId, "VAT 19%", 19m, false));
            await db.SaveChangesAsync();
        }

        await using var session = await fixture.OpenSessionAsync(nameof(ConnectByAppAuthorization_ThenWizard_ThenListedAsHealthy), server);
        var page = session.Page;
        // Errors logged while on the store's own pages (chromium asks the emulator for a favicon it does not have)
        // are the store's; every other console error is the portal's and fails the test.
        var portalErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.StartsWith(store.BaseUrl, StringComparison.Ordinal))
            {
                lock (portalErrors)
                {
                    portalErrors.Add($"{message.Location}: {message.Text}");
                }
            }
        };
        await session.SignInAsync(owner.Email, owner.Password);
        await Expect(page.Locator(".mud-navmenu a.mud-nav-link", new PageLocatorOptions { HasText = "WooCommerce" })).ToBeVisibleAsync();
        await session.WaitForInteractiveAsync();
        await page.Locator(".mud-navmenu a.mud-nav-link", new PageLocatorOptions { HasText = "WooCommerce" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/integrations/woocommerce$"));
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#stores")).ToContainTextAsync("No store is connected yet.");

        await page.Locator("#connect-store").ClickAsync();
        await page.Locator("#method-app").ClickAsync();
        await Expect(page.Locator("#http-warning")).ToBeVisibleAsync();
        await page.Locator("#store-name").FillAsync("Berlin shop");
        await page.Locator("#store-url").FillAsync(store.BaseUrl);
        await session.ScreenshotAsync("connect-form");
        await page.Locator("#connect-submit").ClickAsync();

        // WooCommerce's pages: log in, then approve.
        await page.Locator("#username").FillAsync(options.AdminUser);
        await page.Locator("#password").FillAsync(options.AdminPassword);
        await page.Locator("button[name=login]").ClickAsync();
        await Expect(page.Locator(".wc-auth-approve")).ToBeVisibleAsync();
        await session.ScreenshotAsync("woocommerce-grant-page");
        await page.Locator(".wc-auth-approve").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/integrations/woocommerce/return\\?"));
        await Expect(page.Locator("#authorization-success")).ToContainTextAsync("Berlin shop is connected.", new() { Timeout = 60_000 });
        await session.ScreenshotAsync("connected");

        await page.Locator("#open-store").ClickAsync();
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Step 1 of 7");
        await session.WaitForInteractiveAsync();
        await page.Locator("#wizard-next").ClickAsync();
        await Expect(page.Locator("#wizard-errors")).ToHaveTextAsync("Correct the fields marked in red.");
        await Expect(page.Locator(".mud-input-helper-text.mud-input-error", new PageLocatorOptions { HasText = "Choose the customer" })).ToHaveCountAsync(1);
        await session.ChooseAsync("Customer", "Web shop customer");
        await session.ScreenshotAsync("wizard-orders");
        await page.Locator("#wizard-next").ClickAsync();
        foreach (var step in new[] { "Prices", "Fulfilment", "Accounts", "Catalog" })
        {
            await Expect(page.Locator("#wizard-step")).ToContainTextAsync(step);
            if (step == "Accounts")
            {
                await Expect(page.Locator(".payment-mapping")).ToHaveCountAsync(3);
            }

            await page.Locator("#wizard-next").ClickAsync();
        }

        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Taxes");
        await Expect(page.Locator(".tax-mapping")).ToHaveCountAsync(10);
        await Expect(page.Locator("#unmapped-rates")).ToBeVisibleAsync();
        await session.ChooseAsync("Tax Free rule", "Tax exempt");
        await session.ChooseAsync("Shipping tax rule", "VAT 19%");
        await session.ChooseAsync("Fees tax rule", "Tax exempt");
        await session.ScreenshotAsync("wizard-taxes");
        await page.Locator("#wizard-next").ClickAsync();
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Shipping metadata");
        await page.Locator("#wizard-finish").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/integrations/woocommerce$"));
        var row = page.Locator("#stores tr", new PageLocatorOptions { HasText = "Berlin shop" });
        await Expect(row.Locator(".store-status")).ToHaveTextAsync("Connected");
        await Expect(row.Locator(".webhook-health")).ToHaveTextAsync("Healthy");
        await Expect(row).ToContainTextAsync("App authorization");
        await session.ScreenshotAsync("store-listed-healthy");
        await using (var db = server.Services.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId))
        {
            var exempt = db.TaxRules.Single(t => t.Name == "Tax exempt").Id;
            Portal.Features.Integrations.StoreSettings.FromJson(db.Stores.Single().SettingsJson).FeesTaxRuleId.ShouldBe(exempt);
        }

        portalErrors.ShouldBeEmpty();
        session.BrowserErrors.Where(e => e.StartsWith("page error", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
