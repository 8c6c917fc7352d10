using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using WooCommerce.Emulator.Model;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Catalog;

/// <summary>The store's catalog with the scheduler running: the download runs as a job with its progress on the page,
/// then a portal product is listed with a product-level buffer and the store shows the right stock.</summary>
[Collection(PortalCollection.Name)]
public sealed class StoreCatalogTests(PortalFixture fixture)
{
    [Fact]
    public async Task Catalog_DownloadFromTheStore_ThenListAProductWithAProductBuffer_ThenTheStoreHasItsSyncQuantity()
    {
        await using var server = await StartWithSchedulerAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Catalog");
        int storeId, productId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            storeId = await ConnectAsync(scope, owner.OrganizationId, store);

            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            var location = Portal.Domain.Stock.Location.Create(owner.OrganizationId, "Garden warehouse");
            var product = Portal.Domain.Catalog.Product.Create(owner.OrganizationId, "GARDEN-SHEARS", "Garden shears");
            product.SetPrice(1, 24m);
            db.AddRange(location, product);
            await db.SaveChangesAsync();
            productId = product.Id;
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            storeRow.SettingsJson = new StoreSettings
            {
                LocationId = location.Id, UpdateStockLevels = true, UseBufferInventory = true, BufferInventory = 1,
            }.ToJson();
            await db.SaveChangesAsync();
            var adjusted = await scope.ServiceProvider.GetRequiredService<StockOperations>()
                .AdjustAsync(FixedTenant.For(owner.OrganizationId), productId, location.Id, 10m, "counted");
            adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Catalog_DownloadFromTheStore_ThenListAProductWithAProductBuffer_ThenTheStoreHasItsSyncQuantity), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}/catalog");
        await Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Catalog" })).ToBeVisibleAsync();

        // Download → Products runs as a job; the page follows its progress to the end.
        await page.Locator("#download-products").ClickAsync();
        await Expect(page.Locator("#operation-status")).ToHaveTextAsync("Completed", new() { Timeout = 120_000 });
        await Expect(page.Locator("#download-summary")).ToContainTextAsync("Created");
        await page.Locator("#report-renamed").ClickAsync();
        await Expect(page.Locator("#report-renamed")).ToContainTextAsync("Tailored Wool Suit");
        await session.ScreenshotAsync("catalog-downloaded");
        await Expect(page.Locator(".mud-table-body tr", new PageLocatorOptions { HasText = "AUD-HP-100" })).ToContainTextAsync("Listed");

        // The portal's own product: not listed yet. List it, then give it a product buffer of 3 and update.
        await page.Locator("#catalog-search").FillAsync("GARDEN-SHEARS");
        var row = page.Locator(".mud-table-body tr", new PageLocatorOptions { HasText = "GARDEN-SHEARS" });
        await Expect(row).ToContainTextAsync("Not Listed");
        await row.ClickAsync();
        await page.Locator("#list-product").ClickAsync();
        await Expect(page.Locator("#dialog-message")).ToContainTextAsync("Listed on WooCommerce.", new() { Timeout = 60_000 });
        await page.GetByText("Use Product Level Buffer Inventory").ClickAsync();
        // Text that is not a number is refused by name and saves nothing.
        await page.Locator("#product-buffer").FillAsync("three");
        await page.Locator("#product-buffer").BlurAsync();
        await page.Locator("#save-buffer").ClickAsync();
        await Expect(page.Locator("#dialog-message")).ToContainTextAsync("The product level buffer is not a number");
        await page.Locator("#product-buffer").FillAsync("3");
        await page.Locator("#save-buffer").ClickAsync();
        await Expect(page.Locator("#dialog-message")).ToContainTextAsync("Saved");
        await Expect(page.Locator("#sync-quantity")).ToContainTextAsync("Sync Quantity 7");
        await page.Locator("#update-product").ClickAsync();
        await Expect(page.Locator("#dialog-message")).ToContainTextAsync("Sent to WooCommerce.", new() { Timeout = 60_000 });
        await session.ScreenshotAsync("product-dialog");

        lock (store.Store.Sync)
        {
            var listed = store.Store.Products.Single(p => p.Sku == "GARDEN-SHEARS");
            (listed.ManageStock, listed.StockQuantity, listed.RegularPrice).ShouldBe((true, 7, 24m));
        }

        await page.Locator("#close-product").ClickAsync();
        await Expect(row).ToContainTextAsync("Listed");
        await Expect(row).ToContainTextAsync("3 (product)");
        await session.ScreenshotAsync("catalog-listed");
        await page.Locator("#report-renamed").ClickAsync();
        await page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync("catalog-phone");
        session.ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Catalog_BulkListByCategoryWithAProductBuffer_ThenTheStoreHasThemWithTheirSyncQuantity()
    {
        await using var server = await StartWithSchedulerAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Bulk");
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            storeId = await ConnectAsync(scope, owner.OrganizationId, store);

            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            var location = Portal.Domain.Stock.Location.Create(owner.OrganizationId, "Garden warehouse");
            var garden = Portal.Domain.Catalog.Category.Create(owner.OrganizationId, "Garden");
            var kitchen = Portal.Domain.Catalog.Category.Create(owner.OrganizationId, "Kitchen");
            var products = new[] { ("RAKE-1", "Leaf rake", garden), ("HOE-1", "Dutch hoe", garden), ("TROWEL-1", "Hand trowel", garden), ("PAN-1", "Frying pan", kitchen) }
                .Select(p =>
                {
                    var product = Portal.Domain.Catalog.Product.Create(owner.OrganizationId, p.Item1, p.Item2);
                    product.Category = p.Item3;
                    product.SetPrice(1, 15m);
                    return product;
                }).ToList();
            db.Add(location);
            db.AddRange(products);
            await db.SaveChangesAsync();
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            storeRow.SettingsJson = new StoreSettings
            {
                LocationId = location.Id, UpdateStockLevels = true, UseBufferInventory = true, BufferInventory = 1,
            }.ToJson();
            await db.SaveChangesAsync();
            var adjusted = await scope.ServiceProvider.GetRequiredService<StockOperations>()
                .AdjustAsync(FixedTenant.For(owner.OrganizationId), products[0].Id, location.Id, 10m, "counted");
            adjusted.Succeeded.ShouldBeTrue(adjusted.Error);
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Catalog_BulkListByCategoryWithAProductBuffer_ThenTheStoreHasThemWithTheirSyncQuantity), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}/catalog");
        await Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Catalog" })).ToBeVisibleAsync();

        // Filter by category: three of the four products.
        await page.Locator(".mud-select", new PageLocatorOptions { HasText = "Category" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Garden" }).First.ClickAsync();
        await Expect(page.Locator(".mud-table-body tr", new PageLocatorOptions { HasText = "PAN-1" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-table-body tr", new PageLocatorOptions { HasText = "Not Listed" })).ToHaveCountAsync(3);

        // Bulk listing of what matches, turning on a product level buffer of 2.
        await page.Locator("#bulk-listing").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("#bulk-matching")).ToHaveTextAsync("3 products match the filters.");
        await dialog.Locator(".mud-select", new LocatorLocatorOptions { HasText = "Use Buffer Inventory" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Turn on product level buffer" }).ClickAsync();
        await dialog.Locator("#bulk-buffer-value").FillAsync("2");
        await session.ScreenshotAsync("bulk-listing-dialog");
        await dialog.Locator("#bulk-run").ClickAsync();

        await Expect(page.Locator("#operation-status")).ToHaveTextAsync("Completed", new() { Timeout = 120_000 });
        await Expect(page.Locator("#bulk-summary")).ToContainTextAsync("created 3");
        await Expect(page.Locator("#bulk-summary")).ToContainTextAsync("failed 0");
        var rake = page.Locator(".mud-table-body tr", new PageLocatorOptions { HasText = "RAKE-1" });
        await Expect(rake).ToContainTextAsync("Listed");
        await Expect(rake).ToContainTextAsync("2 (product)");
        await session.ScreenshotAsync("bulk-listed");

        lock (store.Store.Sync)
        {
            store.Store.Products.Where(p => p.Sku is "RAKE-1" or "HOE-1" or "TROWEL-1").Count().ShouldBe(3);
            store.Store.Products.Any(p => p.Sku == "PAN-1").ShouldBeFalse();
            // 10 on hand less the product buffer 2.
            store.Store.Products.Single(p => p.Sku == "RAKE-1").StockQuantity.ShouldBe(8);
        }

        session.ShouldHaveNoBrowserErrors();
    }

    private static async Task<PortalServer> StartWithSchedulerAsync()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        return await PortalServer.StartAsync(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true", ["Portal:PublicUrl"] = $"http://localhost:{port}",
        }, port);
    }

    private static async Task<int> ConnectAsync(AsyncServiceScope scope, int organizationId, global::WooCommerce.Emulator.WooEmulator store)
    {
        var key = store.CreateKey(KeyPermission.ReadWrite);
        var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
            .ConnectClassicAsync(FixedTenant.For(organizationId), "Garden shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
        connected.Succeeded.ShouldBeTrue(connected.Message);
        return connected.StoreId!.Value;
    }
}
