using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.TrackingExport;

/// <summary>A shipment authorised in the browser puts its tracking on the WooCommerce order, through the outbox job
/// of a portal with its scheduler running.</summary>
[Collection(PortalCollection.Name)]
public sealed class TrackingExportTests(PortalFixture fixture)
{
    [Fact]
    public async Task Tracking_WhenAShipmentIsAuthorisedInTheBrowser_ThenTheTrackingNumberIsOnTheStoresOrder()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true", ["TrackingExport:Interval"] = "00:00:01",
        });
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Tracking");
        var (storeId, saleId, orderId) = await StoreSales.SeedAsync(server, store, owner.OrganizationId, settings =>
        {
            settings.ExportShippingInformation = true;
            settings.ShippingMeta =
            [
                new() { MetaKey = "_tracking_number", Value = ShippingMetaValue.TrackingNumber },
                new() { MetaKey = "_tracking_provider", Value = ShippingMetaValue.Carrier },
                new() { MetaKey = "_tracking_url", Value = ShippingMetaValue.TrackingUrl },
                new() { MetaKey = "_date_shipped", Value = ShippingMetaValue.ShipDate },
            ];
        });

        await using var session = await fixture.OpenSessionAsync(nameof(Tracking_WhenAShipmentIsAuthorisedInTheBrowser_ThenTheTrackingNumberIsOnTheStoresOrder), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"sales/{saleId}");
        await page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Ship" }).ClickAsync();
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator("#ship-carrier") }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "UPS" }).ClickAsync();
        await page.Locator("#tracking-number").FillAsync("1Z999AA10123456784");
        await page.Locator("#authorise-ship").ClickAsync();
        await Expect(page.Locator("#stage-ship .mud-chip")).ToHaveTextAsync("Authorised");

        // The job runs every second; the sale page is read again until it says the tracking went out.
        var status = page.Locator("#tracking-export");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await status.IsVisibleAsync() && (await status.InnerTextAsync()).Contains("exported", StringComparison.Ordinal)) &&
               DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
            await session.WaitForInteractiveAsync();
            await page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Ship" }).ClickAsync();
        }

        await Expect(status).ToContainTextAsync("Tracking exported to WooCommerce order");
        await session.ScreenshotAsync("tracking-exported-1440");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(status).ToBeVisibleAsync();
        await session.ScreenshotAsync("tracking-exported-390");

        lock (store.Store.Sync)
        {
            var meta = store.Store.Order(orderId)!.MetaData;
            meta.Where(m => m.Key == "_tracking_number").Select(m => m.Value?.GetValue<string>()).ShouldBe(["1Z999AA10123456784"]);
            meta.Where(m => m.Key == "_tracking_url").Select(m => m.Value?.GetValue<string>())
                .ShouldBe(["https://www.ups.com/track?tracknum=1Z999AA10123456784"]);
            meta.Where(m => m.Key == "_tracking_provider").Select(m => m.Value?.GetValue<string>()).ShouldBe(["UPS"]);
        }

        await page.SetViewportSizeAsync(1440, 900);
        await session.GotoAsync($"integrations/woocommerce/{storeId}");
        await Expect(page.Locator("#tracking-export-problems")).ToHaveCountAsync(0);
        session.ShouldHaveNoBrowserErrors();
    }
}
