using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using KeyPermission = WooCommerce.Emulator.Model.KeyPermission;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.FirstHour;

/// <summary>
/// A merchant's first hour on a fresh portal, as they would live it: set up the organization, connect the sandbox
/// store, and go through the store's settings wizard without ever being sent away for a missing row (the customer
/// and a tax rule are created from their fields), leaving half way and finding everything again on return.
/// Every screen is shot on a desktop (1440 px) and on a phone (390 px).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class FirstHourTests(PortalFixture fixture)
{
    private const string OwnerEmail = "owner@first-hour.example";
    private const string OwnerPassword = "Owner harbour lantern 47";

    [Fact]
    public async Task FirstHour_WhenANewMerchantConnectsTheSandboxStore_ThenTheWizardCreatesWhatIsMissingAndKeepsTheirProgress()
    {
        await using var portal = await PortalServer.StartWithOwnPublicUrlAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var key = store.CreateKey(KeyPermission.ReadWrite, "first hour");
        await using var session = await fixture.OpenSessionAsync(nameof(FirstHour_WhenANewMerchantConnectsTheSandboxStore_ThenTheWizardCreatesWhatIsMissingAndKeepsTheirProgress), portal);
        var page = session.Page;

        // Setup: the only page a fresh portal offers.
        await session.GotoAsync("/", interactive: false);
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await page.Locator("#Input\\.OrganizationName").FillAsync("Harbour Goods");
        await page.Locator("#Input\\.BaseCurrency").FillAsync("EUR");
        await page.Locator("#Input\\.TimeZone").SelectOptionAsync("Europe/Berlin");
        await page.Locator("#Input\\.OwnerEmail").FillAsync(OwnerEmail);
        await page.Locator("#Input\\.Password").FillAsync(OwnerPassword);
        await page.Locator("#Input\\.ConfirmPassword").FillAsync(OwnerPassword);
        await ShootAsync(session, "setup", interactive: false);
        await page.Locator("#setup-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/$"));
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#organization-name")).ToHaveTextAsync("Harbour Goods");
        await ShootAsync(session, "dashboard");

        // Connect the sandbox store with the key it printed (Classic).
        await session.GotoAsync("integrations/woocommerce");
        await page.Locator("#connect-store").ClickAsync();
        await page.Locator("#method-classic").ClickAsync();
        await page.Locator("#store-name").FillAsync("Sandbox shop");
        await page.Locator("#store-url").FillAsync(store.BaseUrl);
        await page.Locator("#consumer-key").FillAsync(key.ConsumerKey);
        await page.Locator("#consumer-secret").FillAsync(key.ConsumerSecret);
        await ShootAsync(session, "connect");
        await page.Locator("#connect-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/integrations/woocommerce/\\d+$"), new() { Timeout = 60_000 });
        var storeId = int.Parse(Regex.Match(page.Url, "/(\\d+)$").Groups[1].Value);
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#store-settings")).ToBeVisibleAsync(); // the store's page, not the form it came from
        await ShootAsync(session, "store-connected");

        // The wizard's first field needs a customer, and a new organization has none: it is created from the field.
        await page.Locator("#store-settings").ClickAsync();
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Step 1 of 7");
        await session.WaitForInteractiveAsync();
        await page.Locator("#wizard-next").ClickAsync();
        await Expect(page.Locator("#wizard-errors")).ToHaveTextAsync("Correct the fields marked in red.");
        await Expect(page.Locator(".mud-input-helper-text.mud-input-error", new PageLocatorOptions { HasText = "Choose the customer" })).ToHaveCountAsync(1);
        await page.Locator("#new-customer").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("New customer");
        await page.Locator("#save-customer").ClickAsync();
        await Expect(dialog.Locator(".mud-input-error")).Not.ToHaveCountAsync(0);
        await page.Locator("#customer-name").FillAsync("Web shop customer");
        await ShootAsync(session, "new-customer-dialog");
        await page.Locator("#save-customer").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(SelectValue(page, "Customer")).ToHaveTextAsync("Web shop customer");
        await ShootAsync(session, "customer-created");

        foreach (var step in new[] { "Prices", "Fulfilment", "Accounts", "Catalog", "Taxes" })
        {
            await page.Locator("#wizard-next").ClickAsync();
            await Expect(page.Locator("#wizard-step")).ToContainTextAsync(step);
        }

        // Shipping needs a tax rule of its own: a wrong rate is refused in the dialog, then it is created and chosen.
        await session.ChooseAsync("Tax Free rule", "Tax Free");
        await page.Locator("#new-shipping-tax-rule").ClickAsync();
        await Expect(dialog).ToContainTextAsync("New tax rule");
        await page.Locator("#new-choice-name").FillAsync("Shipping VAT");
        await page.Locator("#new-choice-rate").FillAsync("190");
        await page.Locator("#save-new-choice").ClickAsync();
        await Expect(dialog).ToContainTextAsync("The rate is a percentage from 0 to 100");
        await page.Locator("#new-choice-rate").FillAsync("19");
        await ShootAsync(session, "new-tax-rule-dialog");
        await page.Locator("#save-new-choice").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(SelectValue(page, "Shipping tax rule")).ToHaveTextAsync("Shipping VAT");
        await ShootAsync(session, "tax-rule-created");

        // The merchant leaves for the dashboard, and later comes back: the wizard opens where they were.
        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Dashboard" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/$"));
        await session.GotoAsync($"integrations/woocommerce/{storeId}/settings");
        await Expect(page.Locator("#draft-resumed")).ToContainTextAsync("step 6, Taxes");
        await Expect(page.Locator("#wizard-step")).ToContainTextAsync("Step 6 of 7");
        await Expect(SelectValue(page, "Shipping tax rule")).ToHaveTextAsync("Shipping VAT");
        await Expect(SelectValue(page, "Tax Free rule")).ToHaveTextAsync("Tax Free");
        await ShootAsync(session, "wizard-resumed");
        for (var step = 5; step >= 1; step--)
        {
            await page.Locator("#wizard-back").ClickAsync();
            await Expect(page.Locator("#wizard-step")).ToContainTextAsync($"Step {step} of 7");
        }

        await Expect(SelectValue(page, "Customer")).ToHaveTextAsync("Web shop customer");
        for (var step = 2; step <= 7; step++)
        {
            await page.Locator("#wizard-next").ClickAsync();
            await Expect(page.Locator("#wizard-step")).ToContainTextAsync($"Step {step} of 7");
        }

        await page.Locator("#wizard-finish").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/integrations/woocommerce$"));
        await Expect(page.Locator("#stores tr", new PageLocatorOptions { HasText = "Sandbox shop" })).ToContainTextAsync("Connected");
        await ShootAsync(session, "settings-saved");

        // Saved: the settings name the two rows created on the way, and the draft is gone.
        var factory = portal.Services.GetRequiredService<IPortalDbContextFactory>();
        int organizationId;
        await using (var any = factory.CreateForOrganization(0))
        {
            organizationId = (await any.Organizations.SingleAsync(o => o.Name == "Harbour Goods")).Id;
        }

        await using (var db = factory.CreateForOrganization(organizationId))
        {
            var saved = await db.Stores.SingleAsync(s => s.Id == storeId);
            saved.SettingsDraftJson.ShouldBeNull();
            var settings = StoreSettings.FromJson(saved.SettingsJson);
            var customer = await db.Customers.SingleAsync(c => c.Id == settings.CustomerId);
            customer.Name.ShouldBe("Web shop customer");
            var rule = await db.TaxRules.SingleAsync(t => t.Id == settings.ShippingTaxRuleId);
            (rule.Name, rule.Rate).ShouldBe(("Shipping VAT", 19m));
        }

        // Last, two-factor sign-in: the key comes as a QR code drawn by the portal, within its Content-Security-Policy.
        await session.GotoAsync("Account/Manage/EnableAuthenticator", interactive: false);
        await page.Locator("#create-authenticator-key").ClickAsync();
        await Expect(page.Locator("#authenticator-qr")).ToBeVisibleAsync();
        (await page.Locator("#authenticator-qr").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100);
        await ShootAsync(session, "authenticator-qr", interactive: false);

        session.ShouldHaveNoBrowserErrors();
    }

    /// <summary>What a select shows as its value (its label is outside this element).</summary>
    private static ILocator SelectValue(IPage page, string label) =>
        page.Locator(".mud-select", new PageLocatorOptions { HasText = label }).First.Locator(".mud-input").First;

    /// <summary>The same screen on a desktop and on a phone, then back to the desktop.</summary>
    private static async Task ShootAsync(BrowserSession session, string step, bool interactive = true)
    {
        await session.Page.SetViewportSizeAsync(1440, 900);
        await session.ScreenshotAsync(step + "-1440");
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync(step + "-390");
        await session.Page.SetViewportSizeAsync(1440, 900);

        // The layout answers a resize over the circuit (breakpoints): a click in that moment could be lost.
        if (interactive)
        {
            await session.WaitForInteractiveAsync();
        }
    }
}
