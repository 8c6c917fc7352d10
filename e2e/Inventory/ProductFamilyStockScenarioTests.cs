using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Inventory;

/// <summary>An administrator sets up two locations, creates a family of variants, counts stock in both and checks it.</summary>
[Collection(PortalCollection.Name)]
public sealed class ProductFamilyStockScenarioTests(PortalFixture fixture)
{
    [Fact]
    public async Task ProductFamily_WhenStockIsAdjustedAtTwoLocations_ThenAvailabilityAndMovementHistoryShowIt()
    {
        var owner = await fixture.Server.CreateOrganizationAsync("Tees");
        await using var session = await fixture.OpenSessionAsync(nameof(ProductFamily_WhenStockIsAdjustedAtTwoLocations_ThenAvailabilityAndMovementHistoryShowIt));
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);
        await session.WaitForInteractiveAsync();

        // Two locations, from the dashboard's "Add a location" step: the starter one and a shop.
        await page.GetByText("Add a location").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reference/locations$"));
        await session.ScreenshotAsync("reference-books");
        await Expect(page.Locator("#location-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#location-table")).ToContainTextAsync("Main Warehouse");
        await page.Locator("#location-name").FillAsync("Shop Floor");
        await page.Locator("#save-location").ClickAsync();
        await Expect(page.Locator("#location-table tbody tr")).ToHaveCountAsync(2);

        // A location added by mistake is deleted; the default one is kept, with the reason.
        await page.Locator("#location-name").FillAsync("Overflow");
        await page.Locator("#save-location").ClickAsync();
        await Expect(page.Locator("#location-table tbody tr")).ToHaveCountAsync(3);
        await page.Locator("#location-table tr", new() { HasText = "Overflow" }).ClickAsync();
        await page.Locator("#delete-location").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator("#location-table tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#location-table tr", new() { HasText = "Main Warehouse" }).ClickAsync();
        await page.Locator("#delete-location").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator("#location-error")).ToHaveTextAsync("This is the default location: make another location the default first.");
        await session.ScreenshotAsync("default-location-kept");
        await page.Locator("#new-location").ClickAsync();

        await Expect(page.Locator("#location-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#location-table tr", new() { HasText = "Main Warehouse" })).ToContainTextAsync("Default");
        await session.ScreenshotAsync("locations");

        // A family of 2 colours × 2 sizes.
        await page.Locator(".mud-nav-link", new() { HasText = "Products" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/products$"));
        await page.Locator("#new-product").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/products/new$"));
        await page.Locator("#family-toggle").ClickAsync();
        await page.Locator("#family-name").FillAsync("Tee");
        await page.Locator("#option-name-1").FillAsync("Colour");
        await page.Locator("#option-values-1").FillAsync("Red, Blue");
        await page.Locator("#option-name-2").FillAsync("Size");
        await page.Locator("#option-values-2").FillAsync("S, M");
        await page.Locator("#generate-variants").ClickAsync();
        await Expect(page.Locator("#new-variants .variant-name")).ToHaveTextAsync(["Tee - Red / S", "Tee - Red / M", "Tee - Blue / S", "Tee - Blue / M"]);
        await Expect(page.Locator("#variant-sku-1")).ToHaveValueAsync("TEE-RED-S");
        await session.ScreenshotAsync("family-variants-generated");

        await page.Locator("#save-product").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/products/\\d+#family-section$"));
        await Expect(page.Locator("#family-section")).ToBeInViewportAsync();
        await Expect(page.Locator("#variant-list tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#product-title")).ToContainTextAsync("Tee - ");
        await session.ScreenshotAsync("variant-page");

        // The grid searches in the database: two of the four variants are red.
        await page.Locator(".mud-nav-link", new() { HasText = "Products" }).ClickAsync();
        await Expect(page.Locator(".mud-table-body tr")).ToHaveCountAsync(4);
        await page.Locator("#product-search").FillAsync("tee-red");
        await Expect(page.Locator(".mud-table-body tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".mud-table-body tr").First).ToContainTextAsync("Tee");
        await session.ScreenshotAsync("products-grid-search");

        // Stock of one variant at both locations.
        await page.Locator(".mud-nav-link", new() { HasText = "Stock" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/stock$"));
        await Expect(page.Locator("#availability tbody")).ToContainTextAsync("TEE-RED-S");
        await AdjustAsync(page, "TEE-RED-S", "Main Warehouse", "12", "Initial count");
        await AdjustAsync(page, "TEE-RED-S", "Shop Floor", "5", "Moved to the shop floor display");
        await AdjustAsync(page, "TEE-RED-S", "Main Warehouse", "-2", "Damaged in storage");
        await TransferAsync(session, "TEE-RED-S", "Main Warehouse", "Shop Floor", "3", "Weekend display");

        await page.Locator("#stock-search input, input#stock-search").First.FillAsync("TEE-RED-S");
        // Empty locations are hidden, so the search has applied only once one product's summary row is left.
        await Expect(page.Locator("#availability tbody tr", new() { HasText = "All locations" })).ToHaveCountAsync(1);
        var rows = page.Locator("#availability tbody tr.stock-location-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "Main Warehouse" }).Locator(".available")).ToHaveTextAsync("7");
        await Expect(rows.Filter(new() { HasText = "Shop Floor" }).Locator(".available")).ToHaveTextAsync("8");
        await Expect(page.Locator("#availability tbody tr", new() { HasText = "All locations" })).ToContainTextAsync("15");
        await session.ScreenshotAsync("availability");

        // The ledger of that variant, newest first.
        await page.Locator("#availability tbody tr", new() { HasText = "All locations" }).GetByRole(AriaRole.Link, new() { Name = "Movement history" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/stock/movements\\?product=\\d+$"));
        await Expect(page.Locator("#movements-title")).ToContainTextAsync("TEE-RED-S");
        var movements = page.Locator("#movements tbody tr");
        await Expect(movements).ToHaveCountAsync(5);
        await Expect(movements.Locator(".movement-reason")).ToHaveTextAsync(
            ["Weekend display", "Weekend display", "Damaged in storage", "Moved to the shop floor display", "Initial count"]);
        var transfer = (await movements.Locator(".movement-quantity").AllTextContentsAsync()).Take(2).Select(q => q.Trim());
        transfer.ShouldBe(["+3", "-3"], ignoreOrder: true);
        await Expect(movements.Locator(".movement-quantity").Nth(2)).ToHaveTextAsync("-2");
        await Expect(movements.Nth(0).Or(movements.Nth(1)).Filter(new() { HasText = "Transfer out" })).ToContainTextAsync("Main Warehouse");
        await session.ScreenshotAsync("movement-history");

        session.ShouldHaveNoBrowserErrors();
    }

    private static async Task TransferAsync(BrowserSession session, string sku, string from, string to, string quantity, string reason)
    {
        var page = session.Page;
        await page.Locator("#transfer-stock").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#adjust-product").FillAsync(sku);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = sku }).First.ClickAsync();
        await session.ChooseAsync("From location", from);
        await session.ChooseAsync("To location", to);
        await page.Locator("#adjust-quantity").FillAsync(quantity);
        await page.Locator("#adjust-reason").FillAsync(reason);
        await session.ScreenshotAsync("transfer-dialog");
        await page.Locator("#save-adjustment").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task AdjustAsync(IPage page, string sku, string location, string quantity, string reason)
    {
        await page.Locator("#adjust-stock").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#adjust-product").FillAsync(sku);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = sku }).First.ClickAsync();
        await dialog.Locator(".mud-select", new() { HasText = "Location" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = location }).ClickAsync();
        await page.Locator("#adjust-quantity").FillAsync(quantity);
        await page.Locator("#adjust-reason").FillAsync(reason);
        await page.Locator("#save-adjustment").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
