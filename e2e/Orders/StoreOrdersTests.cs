using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Orders;

/// <summary>With the scheduler running, a shopper's order placed in the store reaches the portal through its webhook
/// and the order drain: it is listed under Pending Orders, with its stock allocated, and on the Log.</summary>
[Collection(PortalCollection.Name)]
public sealed class StoreOrdersTests(PortalFixture fixture)
{
    [Fact]
    public async Task Order_PlacedInTheStore_AppearsUnderPendingOrdersAndOnTheLog()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var server = await PortalServer.StartAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true", ["Portal:PublicUrl"] = $"http://localhost:{port}",
        }, port);
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Orders");
        var key = store.CreateKey(KeyPermission.ReadWrite);
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(FixedTenant.For(owner.OrganizationId), "Linen shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            db.Products.Add(Portal.Domain.Catalog.Product.Create(owner.OrganizationId, "SHIRT-OXF-001", "Oxford shirt"));
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            storeRow.SettingsJson = new StoreSettings { ProcessOrdersAutomatically = false }.ToJson();
            await db.SaveChangesAsync();
        }

        // A shopper in Texas (no tax rates there) buys two shirts and pays.
        using (var control = new HttpClient { BaseAddress = new Uri(store.BaseUrl + "/__emulator/") })
        {
            var checkout = await control.PostAsJsonAsync("checkout", new JsonObject
            {
                ["billing"] = new JsonObject
                {
                    ["first_name"] = "Dana", ["last_name"] = "Shopper", ["address_1"] = "1 Main St", ["city"] = "Austin", ["state"] = "TX",
                    ["postcode"] = "73301", ["country"] = "US", ["email"] = "dana@example.test",
                },
                ["line_items"] = new JsonArray(new JsonObject { ["product_id"] = 12, ["quantity"] = 2 }),
                ["shipping_method"] = "flat_rate", ["payment_method"] = "bacs", ["paid"] = true,
            });
            checkout.IsSuccessStatusCode.ShouldBeTrue(await checkout.Content.ReadAsStringAsync());
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Order_PlacedInTheStore_AppearsUnderPendingOrdersAndOnTheLog), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}");
        await page.Locator("#store-orders").ClickAsync();
        await Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Orders" })).ToBeVisibleAsync();

        // The webhook arrives within moments and the drain runs at once; the page is read again until it shows.
        var row = page.Locator("#pending-orders .mud-table-body tr", new PageLocatorOptions { HasText = "Dana Shopper" });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await row.IsVisibleAsync() && DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }

        await Expect(row).ToContainTextAsync("Ready");
        await Expect(row).ToContainTextAsync("processing");
        await session.ScreenshotAsync("pending-orders");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Log" }).ClickAsync();
        var entry = page.Locator("#order-log .mud-table-body tr", new PageLocatorOptions { HasText = "Dana Shopper" });
        await Expect(entry).ToContainTextAsync("Pending order");
        // Times read in the organization's zone (PortalServer's organizations are in Europe/Berlin), which the header names.
        await Expect(page.Locator("#order-log")).ToContainTextAsync("Ordered (Europe/Berlin)");
        await session.ScreenshotAsync("order-log");
        session.ShouldHaveNoBrowserErrors();
    }
}
