using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.StockSync;

/// <summary>Stock sync with the scheduler running: a stock adjustment made in the browser reaches the store by itself; a
/// store that goes down shows its backlog, last error and next try on its page, and the backlog clears when it is back.</summary>
[Collection(PortalCollection.Name)]
public sealed class StockSyncTests(PortalFixture fixture)
{
    private const int StoreProductId = 12;

    [Fact]
    public async Task StockSync_AdjustStockInTheBrowser_ThenTheStoreHasIt_AndTheBacklogOfAStoreThatWentDownClearsWhenItIsBack()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var server = await PortalServer.StartAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true",
            ["Portal:PublicUrl"] = $"http://localhost:{port}",
            ["StockSync:SweepInterval"] = "00:00:01",
            ["StockSync:RetryBaseDelay"] = "00:00:01",
            ["StockSync:RetryMaxDelay"] = "00:00:02",
            ["WooCommerce:MaxRetryAttempts"] = "1",
            ["WooCommerce:RetryBaseDelay"] = "00:00:00.100",
            ["WooCommerce:CircuitBreakDuration"] = "00:00:01",
        }, port);
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Stock sync");
        var storeId = await ConnectAsync(server, store, owner.OrganizationId);

        await using var session = await fixture.OpenSessionAsync(nameof(StockSync_AdjustStockInTheBrowser_ThenTheStoreHasIt_AndTheBacklogOfAStoreThatWentDownClearsWhenItIsBack), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 1000);
        await session.SignInAsync(owner.Email, owner.Password);

        await session.GotoAsync("stock");
        await AdjustAsync(page, "10", "Delivery from the supplier");
        await WaitForStoreQuantityAsync(store, 10);
        await session.ScreenshotAsync("stock-adjusted");

        await session.GotoAsync($"integrations/woocommerce/{storeId}");
        var panel = page.Locator("#stock-sync");
        await Expect(panel.Locator("#stock-sync-backlog")).ToHaveTextAsync("No stock change is waiting: the store has every change.");
        await Expect(panel.Locator("#stock-sync-summary")).ToContainTextAsync("available at Garden warehouse, less the buffer");
        await session.ScreenshotAsync("store-in-step");

        // The store goes down; a sale elsewhere takes 3 off.
        var down = store.AddFault(new FaultRule { PathPattern = "/wp-json/*", Kind = FaultKind.ServerError });
        await session.GotoAsync("stock");
        await AdjustAsync(page, "-3", "Sold at the market stall");
        await session.GotoAsync($"integrations/woocommerce/{storeId}");
        await Expect(panel.Locator("#stock-sync-backlog")).ToHaveTextAsync("1 product has a stock change waiting to be sent.");
        await Expect(panel.Locator("#stock-sync-error")).ToContainTextAsync("The store failed with HTTP 500.", new() { Timeout = 30_000 });
        await Expect(panel.Locator("#stock-sync-next-try")).ToContainTextAsync("next try at");
        await session.GotoAsync($"integrations/woocommerce/{storeId}"); // the activity log loads with the page
        await Expect(page.Locator("#activity-log")).ToContainTextAsync("Stock push to Garden shop stopped after");
        await session.ScreenshotAsync("store-down-backlog");
        StoreQuantity(store).ShouldBe(10);

        // Back up: the panel follows by itself and the store gets the quantity it missed.
        store.Faults.Remove(down.Id);
        await Expect(panel.Locator("#stock-sync-backlog")).ToHaveTextAsync("No stock change is waiting: the store has every change.",
            new() { Timeout = 60_000 });
        await Expect(panel.Locator("#stock-sync-error")).ToHaveCountAsync(0);
        StoreQuantity(store).ShouldBe(7);
        await session.ScreenshotAsync("store-back-caught-up");

        await page.Locator("#push-all-stock").ClickAsync();
        await Expect(page.Locator("#push-all-result")).ToContainTextAsync("Sent 1 quantity; 0 changed since the last push; 1 confirmed by the store.");
        await session.ScreenshotAsync("push-all-stock-now");
        session.ShouldHaveNoBrowserErrors();
    }

    private static async Task<int> ConnectAsync(PortalServer server, WooEmulator store, int organizationId)
    {
        var key = store.CreateKey(KeyPermission.ReadWrite);
        await using var scope = server.Services.CreateAsyncScope();
        var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(FixedTenant.For(organizationId), "Garden shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
        connected.Succeeded.ShouldBeTrue(connected.Message);
        var storeId = connected.StoreId!.Value;

        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(organizationId);
        var location = Portal.Domain.Stock.Location.Create(organizationId, "Garden warehouse");
        var product = Portal.Domain.Catalog.Product.Create(organizationId, "GARDEN-HOSE", "Garden hose 25 m");
        db.AddRange(location, product);
        await db.SaveChangesAsync();
        // Linked as the catalog download links a store product to a portal product with its SKU.
        db.StoreProductLinks.Add(new StoreProductLink
        {
            StoreId = storeId, ProductId = product.Id, WooProductId = StoreProductId, Sku = "GARDEN-HOSE", LinkedAtUtc = DateTime.UtcNow,
        });
        var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
        storeRow.SettingsJson = new StoreSettings { LocationId = location.Id, UpdateStockLevels = true }.ToJson();
        await db.SaveChangesAsync();
        return storeId;
    }

    private static async Task AdjustAsync(IPage page, string quantity, string reason)
    {
        await page.Locator("#adjust-stock").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#adjust-product").FillAsync("GARDEN-HOSE");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "GARDEN-HOSE" }).First.ClickAsync();
        await dialog.Locator(".mud-select", new() { HasText = "Location" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Garden warehouse" }).ClickAsync();
        await page.Locator("#adjust-quantity").FillAsync(quantity);
        await page.Locator("#adjust-reason").FillAsync(reason);
        await page.Locator("#save-adjustment").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private static int? StoreQuantity(WooEmulator store)
    {
        lock (store.Store.Sync)
        {
            return store.Store.Product(StoreProductId)!.StockQuantity;
        }
    }

    /// <summary>Polls the store with a deadline (e2e only): the push runs in the portal's scheduler.</summary>
    private static async Task WaitForStoreQuantityAsync(WooEmulator store, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (StoreQuantity(store) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        StoreQuantity(store).ShouldBe(expected);
    }
}
