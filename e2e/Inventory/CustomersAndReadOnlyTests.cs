using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Domain.Organizations;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Inventory;

[Collection(PortalCollection.Name)]
public sealed class CustomersAndReadOnlyTests(PortalFixture fixture)
{
    [Fact]
    public async Task Customers_WhenSalesUserSavesABadEmailThenFixesIt_ThenTheErrorShowsAtTheFieldAndTheCustomerIsListed()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Customers");
        var clerk = await fixture.Server.AddUserAsync(owner, Permissions.Sales);
        await using var session = await fixture.OpenSessionAsync(nameof(Customers_WhenSalesUserSavesABadEmailThenFixesIt_ThenTheErrorShowsAtTheFieldAndTheCustomerIsListed));
        var page = session.Page;
        await session.SignInAsync(clerk.Email, clerk.Password);
        await session.WaitForInteractiveAsync();

        await page.Locator(".mud-nav-link", new() { HasText = "Customers" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/customers$"));
        await page.Locator("#new-customer").ClickAsync();
        await page.Locator("#customer-name").FillAsync("Harbour Cafe");
        await page.Locator("#customer-company").FillAsync("Harbour Cafe Ltd");
        await page.Locator("#customer-email").FillAsync("orders-at-harbour");
        await page.Locator("#billing-line1").FillAsync("1 Quay Street");
        await page.Locator("#save-customer").ClickAsync();
        var emailField = page.Locator(".mud-input-control", new() { Has = page.Locator("#customer-email") });
        await Expect(emailField).ToContainTextAsync("'orders-at-harbour' is not an email address.");
        await session.ScreenshotAsync("customer-email-error");

        await page.Locator("#customer-email").FillAsync("orders@harbour.example");
        await page.Locator("#save-customer").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-table-body tr", new() { HasText = "Harbour Cafe" })).ToContainTextAsync("orders@harbour.example");
        await session.ScreenshotAsync("customer-listed");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task InventoryPages_WhenTheUserIsReadOnly_ThenEverythingShowsAndNothingOffersAChange()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Reader");
        var reader = await fixture.Server.AddUserAsync(owner, Permissions.ReadOnly);
        await using var session = await fixture.OpenSessionAsync(nameof(InventoryPages_WhenTheUserIsReadOnly_ThenEverythingShowsAndNothingOffersAChange));
        var page = session.Page;
        await session.SignInAsync(reader.Email, reader.Password);
        await session.WaitForInteractiveAsync();

        await page.Locator(".mud-nav-link", new() { HasText = "Products" }).ClickAsync();
        await Expect(page.Locator("h4", new() { HasText = "Products" })).ToBeVisibleAsync();
        await Expect(page.Locator("#new-product")).ToHaveCountAsync(0);

        await page.Locator(".mud-nav-link", new() { HasText = "Stock" }).ClickAsync();
        await Expect(page.Locator("h4", new() { HasText = "Stock" })).ToBeVisibleAsync();
        await Expect(page.Locator("#adjust-stock")).ToHaveCountAsync(0);
        // The organization has its starter location, so the availability table shows rather than the "add a location" notice.
        await Expect(page.Locator("#availability")).ToBeVisibleAsync();
        await Expect(page.Locator("#no-locations")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("reader-stock");

        await page.Locator(".mud-nav-link", new() { HasText = "Customers" }).ClickAsync();
        await Expect(page.Locator("h4", new() { HasText = "Customers" })).ToBeVisibleAsync();
        await Expect(page.Locator("#new-customer")).ToHaveCountAsync(0);

        await page.Locator(".mud-nav-link", new() { HasText = "Reference books" }).ClickAsync();
        await Expect(page.Locator("#read-only-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#save-location")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Carriers" }).ClickAsync();
        await Expect(page.Locator("#carrier-table")).ToContainTextAsync("Local Pickup");
        await session.ScreenshotAsync("reader-reference-carriers");
        session.ShouldHaveNoBrowserErrors();
    }
}
