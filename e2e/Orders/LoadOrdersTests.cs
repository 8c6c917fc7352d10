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

/// <summary>With the scheduler running, Load Orders on the store's orders page runs in the background: the page shows
/// the run and, when it ends, what became of the orders read; the loaded orders are pending orders.</summary>
[Collection(PortalCollection.Name)]
public sealed class LoadOrdersTests(PortalFixture fixture)
{
    [Fact]
    public async Task Orders_LoadedFromADate_RunInTheBackgroundAndShowWhatWasCaptured()
    {
        await using var server = await PortalServer.StartWithOwnPublicUrlAsync(new Dictionary<string, string?> { ["Scheduler:Enabled"] = "true" });
        await using var store = await EmulatedStores.StartEuroStoreAsync();
        var owner = await server.CreateOrganizationAsync("Load orders");
        var key = store.CreateKey(KeyPermission.ReadWrite);
        int storeId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var connected = await scope.ServiceProvider.GetRequiredService<ConnectStore>()
                .ConnectClassicAsync(FixedTenant.For(owner.OrganizationId), "Linen shop", store.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);
            connected.Succeeded.ShouldBeTrue(connected.Message);
            storeId = connected.StoreId!.Value;
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForOrganization(owner.OrganizationId);
            var storeRow = await db.Stores.SingleAsync(s => s.Id == storeId);
            storeRow.SettingsJson = new StoreSettings { ProcessOrdersAutomatically = false }.ToJson();
            await db.SaveChangesAsync();
        }

        await using var session = await fixture.OpenSessionAsync(nameof(Orders_LoadedFromADate_RunInTheBackgroundAndShowWhatWasCaptured), server);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync(owner.Email, owner.Password);
        await session.GotoAsync($"integrations/woocommerce/{storeId}/orders");
        await Expect(page.Locator("#pending-orders")).ToContainTextAsync("No pending order.");

        // The store's orders were placed before it was connected: only Load Orders brings them (the last 30 days by default).
        await page.Locator("#load-orders").ClickAsync();
        var run = page.Locator("#load-operation");
        await Expect(run).ToBeVisibleAsync();
        await Expect(run).ToContainTextAsync("started by " + owner.Email);
        await Expect(page.Locator("#load-status")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        var result = page.Locator("#load-result");
        // The store's orders use tax rates not mapped yet: they are read and wait as pending orders for the mapping.
        await Expect(result).ToContainTextAsync("Read ");
        (await result.InnerTextAsync()).ShouldNotContain("Read 0");
        (await result.InnerTextAsync()).ShouldNotContain("Waiting for a tax mapping 0");
        await Expect(page.Locator("#load-phase")).ToContainTextAsync("orders read");
        await Expect(page.Locator("#pending-orders .mud-table-body tr").First).ToContainTextAsync("Needs tax mapping");
        await session.FitsAsync(1440, "load-orders-done");

        await page.SetViewportSizeAsync(390, 844);
        await session.FitsAsync(390, "load-orders-phone");
        session.ShouldHaveNoBrowserErrors();
    }
}
