using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Location = Portal.Domain.Stock.Location;
using Portal.E2E.Infrastructure;
using Portal.Features.Integrations;
using Portal.Features.Stock;
using KeyPermission = WooCommerce.Emulator.Model.KeyPermission;
using static Microsoft.Playwright.Assertions;
using static Portal.E2E.Infrastructure.MudInputs;

namespace Portal.E2E.Layout;

/// <summary>
/// The pages a merchant uses every day, on a desktop (1440 px) and on a phone (390 px): they fit (nothing wider than
/// the screen), they work, and their times and stock read like a product.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PhoneLayoutTests(PortalFixture fixture)
{
    [Fact]
    public async Task DailyPages_AtDesktopAndPhoneWidths_ThenFitWorkAndShowTimesInTheRightZone()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync();
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Phone");
        var key = store.CreateKey(KeyPermission.ReadWrite);
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(FixedTenant.For(owner.OrganizationId), "Porto shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
        }

        var contexts = server.Services.GetRequiredService<IPortalDbContextFactory>();
        int productId;
        string storeZone;
        await using (var db = contexts.CreateForOrganization(owner.OrganizationId))
        {
            var customer = Customer.Create(owner.OrganizationId, "Garden Centre Ltd");
            var product = Product.Create(owner.OrganizationId, "SPADE-STAINLESS-LONG-HANDLE", "Stainless spade with a long ash handle");
            product.SetPrice(1, 25m);
            db.AddRange(customer, product, Location.Create(owner.OrganizationId, "Overflow warehouse"));
            await db.SaveChangesAsync();
            productId = product.Id;
            storeZone = await db.Stores.Where(s => s.Id == storeId).Select(s => s.TimeZone).SingleAsync();
        }

        await using (var db = contexts.CreateForOrganization(owner.OrganizationId))
        {
            var main = await db.Locations.SingleAsync(l => l.IsDefault);
            (await server.Services.GetRequiredService<StockOperations>()
                .AdjustAsync(FixedTenant.For(owner.OrganizationId), productId, main.Id, 12m, "Opening stock")).Succeeded.ShouldBeTrue();
        }

        await using var session = await fixture.OpenSessionAsync(nameof(DailyPages_AtDesktopAndPhoneWidths_ThenFitWorkAndShowTimesInTheRightZone), server);
        var page = session.Page;
        await session.SignInAsync(owner.Email, owner.Password);

        foreach (var (width, height, name) in new[] { (1440, 900, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);

            await session.GotoAsync("/");
            await Expect(page.Locator("#organization-name").Or(page.Locator("h4", new() { HasText = owner.OrganizationName }))).Not.ToHaveCountAsync(0);
            await FitsAsync(session, width, $"{name}-dashboard");

            // Stock: the empty second location stays out of the way until asked for.
            await session.GotoAsync("stock");
            var locations = page.Locator("#availability .stock-location-row .location-name");
            await Expect(locations).ToHaveTextAsync(["Main Warehouse"]);
            await FitsAsync(session, width, $"{name}-stock");
            await page.Locator("#show-empty").ClickAsync();
            await Expect(locations).ToHaveCountAsync(2);
            await FitsAsync(session, width, $"{name}-stock-with-empty-locations");

            await session.GotoAsync($"products/{productId}");
            await Expect(page.Locator("input").First).ToBeVisibleAsync();
            await FitsAsync(session, width, $"{name}-product-edit");

            // The store page reads in the store's zone and says which.
            await session.GotoAsync($"integrations/woocommerce/{storeId}");
            await Expect(page.Locator(".activity-description", new() { HasText = "Created webhook order.created" })).ToBeVisibleAsync();
            await Expect(page.Locator("#activity-log th .time-zone-name")).ToHaveTextAsync(storeZone);
            await Expect(page.Locator(".store-status")).ToHaveTextAsync("Connected · settings needed");
            await FitsAsync(session, width, $"{name}-store");

            await session.GotoAsync("sales/new");
            await Expect(page.Locator("#sale-customer")).ToBeVisibleAsync();
            await FitsAsync(session, width, $"{name}-new-sale");
        }

        // On the phone, a sale is entered and opened end to end.
        await PickAsync(page, "#sale-customer", "Garden", "Garden Centre Ltd");
        await PickAsync(page, "#line-product-0", "SPADE", "SPADE-STAINLESS-LONG-HANDLE – Stainless spade with a long ash handle");
        await page.Locator("#line-quantity-0").FillAsync("2");
        await page.Locator("#line-quantity-0").BlurAsync();
        await FitsAsync(session, 390, "phone-new-sale-filled");
        await page.Locator("#save-draft").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sales/\d+$"));
        await Expect(page.Locator("#sale-title")).ToBeVisibleAsync();
        await session.WaitForInteractiveAsync();
        await FitsAsync(session, 390, "phone-sale");

        // The app bar's menu opens and still fits.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await FitsAsync(session, 390, "phone-navigation");

        // The settings page reads the store's gateways and tax rates once per visit; the NYC rate shows every postcode.
        await page.SetViewportSizeAsync(1440, 900);
        await session.GotoAsync($"integrations/woocommerce/{storeId}/settings");
        await Expect(page.Locator("#wizard-step")).ToBeVisibleAsync();
        var gatewayReads = await ReadsAsync(contexts, owner.OrganizationId, storeId, "wc/v3/payment_gateways");
        gatewayReads.ShouldBe(1, "one read of the gateways for one visit");

        session.ShouldHaveNoBrowserErrors();
    }

    private static Task FitsAsync(BrowserSession session, int width, string step) => session.FitsAsync(width, step);

    /// <summary>The store's calls to a path, once the activity recorder has written what was made so far.</summary>
    private static async Task<int> ReadsAsync(IPortalDbContextFactory contexts, int organizationId, int storeId, string path)
    {
        // The recorder writes in the background: wait until the read shows, then a little longer for a second one.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var settledAt = DateTime.MaxValue;
        var count = 0;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < settledAt)
        {
            await using var db = contexts.CreateForOrganization(organizationId);
            count = await db.StoreActivity.CountAsync(a => a.StoreId == storeId && a.Path.Contains(path));
            if (count > 0 && settledAt == DateTime.MaxValue)
            {
                settledAt = DateTime.UtcNow.AddSeconds(3);
            }

            await Task.Delay(200);
        }

        return count;
    }
}
