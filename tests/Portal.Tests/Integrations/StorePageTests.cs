using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Domain.Organizations;
using Portal.Features.Integrations;
using Portal.Tests.Components;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Model;
using UserTenant = Portal.Tests.Sales.SalesBunit.UserTenant;

namespace Portal.Tests.Integrations;

/// <summary>
/// The store page under bUnit with the portal's real connector and database (the fixture's running portal, which
/// the emulators' webhooks reach) against real emulators: what the merchant sees for each outcome.
/// </summary>
public sealed class StorePageTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>, IAsyncLifetime
{
    private static readonly TimeSpan StoreCalls = TimeSpan.FromSeconds(20);
    private readonly BunitHost _bunit = new();
    private AsyncServiceScope _portalScope;
    private IRenderedComponent<IComponent> _providers = null!;

    public Task InitializeAsync()
    {
        _portalScope = fx.Portal.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _portalScope.DisposeAsync();
    }

    /// <summary>An organization with one store connected to <paramref name="emulator"/>; returns it and the store id.</summary>
    private async Task<(int Org, int StoreId)> ConnectAsync(WooEmulator emulator)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await using var db = fx.Db(org);
        return (org, await db.Stores.Select(s => s.Id).SingleAsync());
    }

    private IRenderedComponent<StorePage> Render(int org, int storeId)
    {
        var tenant = new UserTenant(org, Permissions.Administrator);
        var services = _bunit.Context.Services;
        services.AddSingleton<ITenantContext>(tenant);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(
            new TenantContextFactory(fx.Portal.Services.GetRequiredService<IPortalDbContextFactory>(), tenant));
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<SetStoreTimeZone>());
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>());
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<DisconnectStore>());
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<MaintainStores>());
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<Portal.Features.StockSync.PushStock>());
        services.AddSingleton(_portalScope.ServiceProvider.GetRequiredService<Portal.Features.TrackingExport.TrackingExportCommands>());
        services.AddSingleton(TimeProvider.System);
        _providers = _bunit.RenderProviders();
        var page = _bunit.Context.Render<StorePage>(p => p.Add(s => s.StoreId, storeId));
        page.WaitForElement("#change-credentials");
        return page;
    }

    private static void SubmitCredentials(IRenderedComponent<StorePage> page, string url, ApiKey key, string? secret = null)
    {
        if (page.FindAll("#save-credentials").Count == 0)
        {
            page.Find("#change-credentials").Click();
        }

        // The form appears with the re-render that follows the click; under load that can come a moment later.
        page.WaitForElement("#new-url").Change(url);
        page.Find("#new-consumer-key").Change(key.ConsumerKey);
        page.Find("#new-consumer-secret").Change(secret ?? key.ConsumerSecret);
        page.Find("#save-credentials").Click();
    }

    [Fact]
    public async Task ChangeCredentials_WhenTheSecretIsWrong_ThenTheFormStaysWithTheReasonAndNoResetCheckbox()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId) = await ConnectAsync(emulator);
        var page = Render(org, storeId);

        SubmitCredentials(page, emulator.BaseUrl, emulator.CreateKey(KeyPermission.ReadWrite), "cs_not_the_secret_at_all");

        page.WaitForAssertion(() => page.Find("#change-result").TextContent.ShouldContain("refused the consumer key"), StoreCalls);
        page.FindAll("#save-credentials").ShouldNotBeEmpty();
        page.FindAll("#reset-catalog-links").ShouldBeEmpty();
    }

    [Fact]
    public async Task ChangeCredentials_WhenLinksDiffer_ThenTheMessageAndResetCheckboxShow_AndConfirmingSavesAndHidesTheForm()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, storeId) = await ConnectAsync(oldStore);
        var links = StorePortalFixture.LinksTo(oldStore, storeId);
        await fx.AddLinksAsync(org, links);
        lock (newStore.Store.Sync)
        {
            newStore.Store.Products.RemoveAll(p => p.Id == 20);
        }

        var page = Render(org, storeId);
        page.Find("#catalog-links").TextContent.ShouldBe($"{links.Count} catalog links");
        var key = newStore.CreateKey(KeyPermission.ReadWrite);

        SubmitCredentials(page, newStore.BaseUrl, key);

        page.WaitForAssertion(() => page.Find("#change-result").TextContent
            .ShouldContain($"1 of {links.Count} catalog links are not found in the new store"), StoreCalls);
        page.Find("#change-result").TextContent.ShouldContain("SKU BAG-TOTE-020, product 20");
        page.Find("#reset-catalog-links").Change(true);
        page.Find("#save-credentials").Click();

        page.WaitForAssertion(() => page.FindAll("#save-credentials").ShouldBeEmpty(), StoreCalls);
        page.Find("#change-result").TextContent.ShouldContain("catalog links were reset");
        page.Find("#catalog-links").TextContent.ShouldBe("0 catalog links");
        page.Find("a[href='" + newStore.BaseUrl + "']").ShouldNotBeNull();
        await using var db = fx.Db(org);
        (await db.Stores.SingleAsync()).Url.ShouldBe(newStore.BaseUrl);
        (await db.StoreProductLinks.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ChangeCredentials_WhenOnlyTheKeyChanges_ThenTheFormClosesWithSuccessAndTheNewKeyHintShows()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId) = await ConnectAsync(emulator);
        await fx.AddLinksAsync(org, [new StoreProductLink { StoreId = storeId, WooProductId = 12, Sku = "SHIRT-OXF-001" }]);
        var page = Render(org, storeId);
        page.Find("#catalog-links").TextContent.ShouldBe("1 catalog link");
        var key = emulator.CreateKey(KeyPermission.ReadWrite);

        SubmitCredentials(page, emulator.BaseUrl, key);

        page.WaitForAssertion(() => page.FindAll("#save-credentials").ShouldBeEmpty(), StoreCalls);
        page.Find("#change-result").TextContent.ShouldStartWith("The new credentials were checked and saved.");
        page.Find("#change-result").TextContent.ShouldContain("The portal no longer uses the old key");
        page.Markup.ShouldContain(ConnectedStore.Hint(key.ConsumerKey));
        page.FindAll("#reset-catalog-links").ShouldBeEmpty();
    }

    [Fact]
    public async Task Disconnect_WhenConfirmed_ThenSaysWhatWasDeletedAndLinksToTheStoresKeyPage()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId) = await ConnectAsync(emulator);
        await fx.AddLinksAsync(org, [new StoreProductLink { StoreId = storeId, WooProductId = 12, Sku = "SHIRT-OXF-001" }]);
        var page = Render(org, storeId);

        page.Find("#disconnect").Click();

        _providers.WaitForAssertion(() => _providers.Markup.ShouldContain("deletes this store's 1 catalog link, settings"));
        _providers.FindAll("button").Single(b => b.TextContent.Trim() == "Disconnect").Click();
        page.WaitForElement("#disconnected", StoreCalls).TextContent.ShouldContain("1 catalog link,");
        page.Find("#revoke-key").GetAttribute("href").ShouldBe(emulator.BaseUrl + "/wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys");
        await using var db = fx.Db(org);
        (await db.Stores.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task ActivityLog_WhenTheStoreHasCalls_ThenTheyAreListed()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, storeId) = await ConnectAsync(emulator);
        await using (var db = fx.Db(org))
        {
            db.StoreActivity.AddRange(
                new StoreActivity { StoreId = storeId, AtUtc = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc), Method = "GET", Path = "/wp-json/wc/v3/orders?page=7", Status = 200, Attempt = 1 },
                new StoreActivity { StoreId = storeId, AtUtc = new DateTime(2030, 1, 2, 3, 4, 6, DateTimeKind.Utc), Method = "PUT", Path = "/wp-json/wc/v3/products/12", Status = 500, Attempt = 2, ErrorKind = "Server" });
            await db.SaveChangesAsync();
        }

        string zone;
        await using (var db = fx.Db(org))
        {
            zone = await db.Stores.Where(s => s.Id == storeId).Select(s => s.TimeZone).SingleAsync();
        }

        var page = Render(org, storeId);

        // In words, at the store's clock; the raw request on demand.
        var storeClock = StoreTimeZone.Parse(zone).ToLocal(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc)).ToString("yyyy-MM-dd HH:mm:ss");
        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("#activity-log tbody tr").Select(r => r.TextContent).ToList();
            rows.ShouldContain(r => r.Contains(storeClock) && r.Contains("Read orders, page 7") && r.Contains("200"));
            rows.ShouldContain(r => r.Contains("Updated product 12") && r.Contains("500 Server · attempt 2"));
            rows.ShouldNotContain(r => r.Contains("/wp-json/wc/v3/products/12"));
        }, StoreCalls);
        page.Find("#activity-log th .time-zone-name").TextContent.ShouldBe(zone);

        page.Find("#activity-raw").Change(true);
        page.WaitForAssertion(() => page.FindAll("#activity-log tbody tr").Select(r => r.TextContent)
            .ShouldContain(r => r.Contains("PUT /wp-json/wc/v3/products/12")));
    }
}
