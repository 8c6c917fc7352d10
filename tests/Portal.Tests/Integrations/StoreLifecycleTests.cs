using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.Domain.Sales;
using Portal.Domain.Stock;
using WooCommerce.Emulator;
using WooCommerce.Emulator.Control;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

public sealed class StoreLifecycleTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private static int PortalWebhooks(WooEmulator emulator, string publicKey) => StorePortalFixture.PortalWebhooks(emulator, publicKey);

    /// <summary>What a failed change must leave exactly as it was. (The activity log is written in the background,
    /// so its size is not part of it; the row added by the test is.)</summary>
    private sealed record StoreState(string Url, string NormalizedUrl, string KeyHint, string ProtectedKey, string ProtectedWebhookSecret,
        string WebhookIds, string? SettingsJson, int Links, int KeptLogRows);

    private async Task<StoreState> StateAsync(int org)
    {
        await using var db = fx.Db(org);
        var s = await db.Stores.AsNoTracking().SingleAsync();
        return new StoreState(s.Url, s.NormalizedUrl, s.ConsumerKeyHint, s.ProtectedConsumerKey, s.ProtectedWebhookSecret, s.WebhookIds,
            s.SettingsJson, await db.StoreProductLinks.CountAsync(), await db.StoreActivity.CountAsync(a => a.Path == "/kept"));
    }

    /// <summary>An organization with a store connected to <paramref name="oldStore"/>, settings, a log row and
    /// catalog links to every product and variation of it.</summary>
    private async Task<(int Org, ConnectedStore Store, int Links)> ConnectedWithLinksAsync(WooEmulator oldStore)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, oldStore)).Succeeded.ShouldBeTrue();
        ConnectedStore store;
        await using (var db = fx.Db(org))
        {
            store = await db.Stores.SingleAsync();
            store.SettingsJson = "{\"kept\":true}";
            db.StoreActivity.Add(new StoreActivity { StoreId = store.Id, AtUtc = DateTime.UtcNow, Method = "GET", Path = "/kept", Attempt = 1 });
            await db.SaveChangesAsync();
        }

        var links = StorePortalFixture.LinksTo(oldStore, store.Id);
        await fx.AddLinksAsync(org, links);
        return (org, store, links.Count);
    }

    private async Task ShouldBeUnchangedAsync(int org, StoreState before, WooEmulator oldStore, WooEmulator newStore, string publicKey)
    {
        (await StateAsync(org)).ShouldBe(before);
        PortalWebhooks(oldStore, publicKey).ShouldBe(StoreWebhooks.Topics.Length, "the old store keeps the portal's webhooks");
        PortalWebhooks(newStore, publicKey).ShouldBe(0, "the new store gets none");
    }

    private async Task<ConnectResult> ChangeToAsync(int org, int storeId, WooEmulator emulator, bool reset = false)
    {
        var key = emulator.CreateKey(KeyPermission.ReadWrite);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>()
            .ChangeCredentialsAsync(FixedTenant.For(org), storeId, emulator.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false, reset);
    }

    private static void Mutate(WooEmulator emulator, Action<Store> change)
    {
        lock (emulator.Store.Sync)
        {
            change(emulator.Store);
        }
    }

    [Fact]
    public async Task ChangeCredentials_WhenTheNewAddressHasEveryLinkedProductAndVariation_ThenLinksAreKeptInFewRequests()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, store, links) = await ConnectedWithLinksAsync(oldStore);
        links.ShouldBeGreaterThan(CatalogLinkCheck.Chunk, "the check must span several requests");
        newStore.Requests.Clear();

        var result = await ChangeToAsync(org, store.Id, newStore);

        result.Succeeded.ShouldBeTrue(result.Message);
        var after = await StateAsync(org);
        after.Url.ShouldBe(newStore.BaseUrl);
        after.Links.ShouldBe(links);
        after.SettingsJson.ShouldBe("{\"kept\":true}");
        PortalWebhooks(newStore, store.PublicKey).ShouldBe(StoreWebhooks.Topics.Length);
        PortalWebhooks(oldStore, store.PublicKey).ShouldBe(0);
        // Products by id, 100 a request; variations by SKU, 100 a request; the mug's SKU-less variations under their parent.
        var reads = newStore.Requests.Entries.Where(r => r.Method == "GET" && r.Path.StartsWith("/wp-json/wc/v3/products", StringComparison.Ordinal)).ToList();
        reads.Count(r => r.Path == "/wp-json/wc/v3/products" && r.Query.Contains("include=")).ShouldBe(2);
        reads.Count(r => r.Path == "/wp-json/wc/v3/products" && r.Query.Contains("sku=")).ShouldBe(1);
        reads.Count(r => r.Path == "/wp-json/wc/v3/products/78/variations").ShouldBe(1);
        reads.Count.ShouldBe(4);
    }

    [Fact]
    public async Task ChangeCredentials_WhenLinkedProductsDifferInTheNewStore_ThenRefusedWithCountAndExamples_AndNothingChanges()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, store, links) = await ConnectedWithLinksAsync(oldStore);
        Mutate(newStore, s =>
        {
            s.Products.RemoveAll(p => p.Id == 20);                   // BAG-TOTE-020 is gone
            s.Product(23)!.Sku = "AUD-HP-999";                       // AUD-HP-100 has another SKU
            s.Product(12)!.Sku = " shirt-oxf-001 ";                  // same SKU, other case and spaces: still a match
            s.Product(79)!.Sku = "MUG-DOTS";                         // a SKU-less variation got one
        });
        var before = await StateAsync(org);

        var result = await ChangeToAsync(org, store.Id, newStore);

        result.Failure.ShouldBe(ConnectFailure.CatalogLinksDiffer);
        result.Message.ShouldContain($"3 of {links} catalog links are not found in the new store");
        result.Message.ShouldContain("SKU BAG-TOTE-020, product 20");
        result.Message.ShouldContain("SKU AUD-HP-100, product 23");
        result.Message.ShouldContain("SKU (none), variation 79 of product 78");
        result.Message.ShouldContain("reset");
        result.Message.ShouldContain("downloaded again");
        await ShouldBeUnchangedAsync(org, before, oldStore, newStore, store.PublicKey);
    }

    [Fact]
    public async Task ChangeCredentials_WhenLinksDifferAndTheResetIsConfirmed_ThenLinksAreDeletedAndUrlChangesWithSettingsAndLogKept()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, store, links) = await ConnectedWithLinksAsync(oldStore);
        Mutate(newStore, s => s.Products.RemoveAll(p => p.Id == 20));

        var result = await ChangeToAsync(org, store.Id, newStore, reset: true);

        result.Succeeded.ShouldBeTrue(result.Message);
        result.Message.ShouldContain($"The {links} catalog links were reset");
        var after = await StateAsync(org);
        after.Url.ShouldBe(newStore.BaseUrl);
        after.Links.ShouldBe(0);
        after.SettingsJson.ShouldBe("{\"kept\":true}");
        after.KeptLogRows.ShouldBe(1);

        PortalWebhooks(newStore, store.PublicKey).ShouldBe(StoreWebhooks.Topics.Length);
        PortalWebhooks(oldStore, store.PublicKey).ShouldBe(0);
    }

    [Fact]
    public async Task ChangeCredentials_WhenTheNewStoreFailsDuringTheLinkCheck_ThenClearFailureAndNothingChanges()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, store, _) = await ConnectedWithLinksAsync(oldStore);
        newStore.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/products", Method = "GET", Kind = FaultKind.ServerError });
        var before = await StateAsync(org);

        var result = await ChangeToAsync(org, store.Id, newStore, reset: true);

        result.Failure.ShouldBe(ConnectFailure.Unreachable);
        result.Message.ShouldContain("failed while the portal checked");
        result.Message.ShouldContain("Nothing was changed");
        await ShouldBeUnchangedAsync(org, before, oldStore, newStore, store.PublicKey);
    }

    [Fact]
    public async Task ChangeCredentials_WhenTheNewStoreRefusesTheWebhooksAfterTheLinkCheck_ThenNothingChangesNotEvenTheSecret()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, store, _) = await ConnectedWithLinksAsync(oldStore);
        newStore.AddFault(new FaultRule { PathPattern = "/wp-json/wc/v3/webhooks", Method = "POST", Kind = FaultKind.ServerError });
        var before = await StateAsync(org);

        var result = await ChangeToAsync(org, store.Id, newStore);

        result.Failure.ShouldBe(ConnectFailure.WebhooksFailed);
        await ShouldBeUnchangedAsync(org, before, oldStore, newStore, store.PublicKey);
    }

    [Fact]
    public async Task ChangeCredentials_WhenAVariationIsUnderAnotherParentOrLostItsSku_ThenItIsReportedAndTheRestMatch()
    {
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, oldStore)).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        var variations = StorePortalFixture.LinksTo(oldStore, storeId).Where(l => l.WooVariationId != 0).ToList();
        var moved = variations.First(l => l.WooProductId == 39 && l.Sku.Length > 0);
        moved.WooProductId = 43; // the link says another parent than the store has
        var renamed = variations.First(l => l.WooProductId == 61);
        Mutate(newStore, s => s.Product((int)renamed.WooVariationId)!.Sku = "");
        await fx.AddLinksAsync(org, variations);

        var result = await ChangeToAsync(org, storeId, newStore);

        result.Failure.ShouldBe(ConnectFailure.CatalogLinksDiffer);
        result.Message.ShouldStartWith($"2 of {variations.Count} catalog links");
        result.Message.ShouldContain($"SKU {moved.Sku}, variation {moved.WooVariationId} of product 43");
        result.Message.ShouldContain($"SKU {renamed.Sku}, variation {renamed.WooVariationId} of product 61");
    }

    [Fact]
    public async Task ChangeCredentials_WhenOnlyTheKeyChanges_ThenLinksAreNeitherCheckedNorTouched()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        // Links the store would not confirm: a key change must not look at them.
        await fx.AddLinksAsync(org, [new StoreProductLink { StoreId = storeId, WooProductId = 9999, Sku = "NOT-THERE" }]);
        emulator.Requests.Clear();

        var result = await ChangeToAsync(org, storeId, emulator);

        result.Succeeded.ShouldBeTrue(result.Message);
        emulator.Requests.Entries.ShouldNotContain(r => r.Path.StartsWith("/wp-json/wc/v3/products", StringComparison.Ordinal));
        (await StateAsync(org)).Links.ShouldBe(1);
    }

    [Fact]
    public async Task ChangeCredentials_ToAnotherStoreAddress_KeepsSettingsAndLogAndMovesTheWebhooks()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var oldStore = await fx.StartStoreAsync();
        await using var newStore = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, oldStore)).Succeeded.ShouldBeTrue();
        ConnectedStore before;
        await using (var db = fx.Db(org))
        {
            before = await db.Stores.SingleAsync();
            before.SettingsJson = "{\"kept\":true}";
            db.StoreActivity.Add(new StoreActivity { StoreId = before.Id, AtUtc = DateTime.UtcNow, Method = "GET", Path = "/kept", Attempt = 1 });
            await db.SaveChangesAsync();
        }

        var key = newStore.CreateKey(KeyPermission.ReadWrite);
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>();

        var wrong = await connector.ChangeCredentialsAsync(FixedTenant.For(org), before.Id, newStore.BaseUrl, key.ConsumerKey, "cs_not_the_secret_at_all", false);
        wrong.Failure.ShouldBe(ConnectFailure.BadCredentials);
        PortalWebhooks(oldStore, before.PublicKey).ShouldBe(StoreWebhooks.Topics.Length, "a failed change leaves the store as it was");

        var result = await connector.ChangeCredentialsAsync(FixedTenant.For(org), before.Id, newStore.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);

        result.Succeeded.ShouldBeTrue(result.Message);
        PortalWebhooks(oldStore, before.PublicKey).ShouldBe(0);
        PortalWebhooks(newStore, before.PublicKey).ShouldBe(StoreWebhooks.Topics.Length);
        await using (var db = fx.Db(org))
        {
            var after = await db.Stores.SingleAsync();
            after.Id.ShouldBe(before.Id);
            after.Url.ShouldBe(newStore.BaseUrl);
            after.SettingsJson.ShouldBe("{\"kept\":true}");
            after.ConsumerKeyHint.ShouldBe(ConnectedStore.Hint(key.ConsumerKey));
            (await db.StoreActivity.CountAsync(a => a.Path == "/kept")).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Disconnect_RemovesWebhooksAndEverythingOfTheStore_AndPointsToTheKeyPage()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        ConnectedStore store;
        await using (var db = fx.Db(org))
        {
            store = await db.Stores.SingleAsync();
            db.WebhookInbox.Add(new WebhookInboxEntry { StoreId = store.Id, DeliveryId = "d", Topic = "order.created", Body = "{}", ReceivedAtUtc = DateTime.UtcNow });
            db.StoreActivity.Add(new StoreActivity { StoreId = store.Id, AtUtc = DateTime.UtcNow, Method = "GET", Path = "/x", Attempt = 1 });
            await db.SaveChangesAsync();
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DisconnectStore>().DisconnectAsync(FixedTenant.For(org), store.Id);

        result.ShouldNotBeNull();
        result.WebhooksRemoved.ShouldBeTrue();
        result.KeysPageUrl.ShouldBe(emulator.BaseUrl + "/wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys");
        result.Message.ShouldContain(store.ConsumerKeyHint);
        PortalWebhooks(emulator, store.PublicKey).ShouldBe(0);
        await using (var db = fx.Db(org))
        {
            (await db.Stores.CountAsync()).ShouldBe(0);
            (await db.WebhookInbox.CountAsync()).ShouldBe(0);
            (await db.StoreActivity.CountAsync()).ShouldBe(0);
        }

        // The address is free again.
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Disconnect_WhenTheOrganizationHasTwoStoresAndASale_ThenOnlyThisStoresLinksInboxAndLogGoAndTheSaleStays()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var first = await fx.StartStoreAsync();
        await using var second = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, first, name: "First")).Succeeded.ShouldBeTrue();
        (await fx.ConnectClassicAsync(org, second, name: "Second")).Succeeded.ShouldBeTrue();
        int gone, kept, saleId;
        await using (var db = fx.Db(org))
        {
            var stores = await db.Stores.OrderBy(s => s.Name).Select(s => s.Id).ToListAsync();
            (gone, kept) = (stores[0], stores[1]);
            foreach (var storeId in stores)
            {
                db.WebhookInbox.Add(new WebhookInboxEntry { StoreId = storeId, DeliveryId = "d", Topic = "order.created", Body = "{}", ReceivedAtUtc = DateTime.UtcNow });
                db.StoreActivity.Add(new StoreActivity { StoreId = storeId, AtUtc = DateTime.UtcNow, Method = "GET", Path = "/x", Attempt = 1 });
                db.StoreProductLinks.Add(new StoreProductLink { StoreId = storeId, WooProductId = 12, Sku = "SHIRT-OXF-001" });
            }

            var customer = Portal.Domain.Customers.Customer.Create(org, "Web customer");
            var location = Location.Create(org, "Web store");
            db.AddRange(customer, location);
            await db.SaveChangesAsync();
            var sale = Sale.Create(org, new SaleHeader { CustomerId = customer.Id, LocationId = location.Id },
                SaleOrigin.FromStore(gone, "1001"), DateTime.UtcNow);
            db.Add(sale);
            await db.SaveChangesAsync();
            saleId = sale.Id;
        }

        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DisconnectStore>().DisconnectAsync(FixedTenant.For(org), gone);

        result.ShouldNotBeNull();
        result.Message.ShouldContain("1 catalog link,");
        result.Message.ShouldContain("sales already created stay");
        await using var after = fx.Db(org);
        (await after.Stores.Select(s => s.Id).ToListAsync()).ShouldBe([kept]);
        (await after.StoreProductLinks.Select(l => l.StoreId).ToListAsync()).ShouldBe([kept]);
        (await after.WebhookInbox.Select(w => w.StoreId).ToListAsync()).ShouldBe([kept]);
        (await after.StoreActivity.Where(a => a.Path == "/x").Select(a => a.StoreId).ToListAsync()).ShouldBe([kept]);
        (await after.StoreActivity.AnyAsync(a => a.StoreId == gone)).ShouldBeFalse();
        (await after.Sales.SingleAsync(s => s.Id == saleId)).StoreId.ShouldBe(gone);
        PortalWebhooks(second, (await after.Stores.SingleAsync()).PublicKey).ShouldBe(StoreWebhooks.Topics.Length);
    }

    [Fact]
    public async Task Disconnect_WhenStoreIsDown_StillDisconnectsAndSaysWebhooksRemain()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        await emulator.DisposeAsync();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DisconnectStore>().DisconnectAsync(FixedTenant.For(org), storeId);

        result!.WebhooksRemoved.ShouldBeFalse();
        result.Message.ShouldContain("still there");
        await using var after = fx.Db(org);
        (await after.Stores.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Settings_ReadGatewaysAndTaxRatesFromEachStore_AndAreKeptPerStore()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var first = await fx.StartStoreAsync();
        await using var second = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, first, name: "First")).Succeeded.ShouldBeTrue();
        (await fx.ConnectClassicAsync(org, second, name: "Second")).Succeeded.ShouldBeTrue();
        var service = fx.Portal.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<StoreSettingsService>();

        await using (var db = fx.Db(org))
        {
            var stores = await db.Stores.OrderBy(s => s.Name).ToListAsync();
            var settings = StoreSettings.FromJson(null);
            var options = await service.LoadAsync(db, stores[0], settings);
            options.StoreReadError.ShouldBeNull();
            settings.PaymentMappings.Select(p => p.GatewayId).ShouldBe(["bacs", "cheque", "cod"], ignoreOrder: true);
            settings.TaxRates.Count.ShouldBe(10);
            settings.TaxRates.Select(r => r.TaxClass).Distinct().Count().ShouldBe(4);
            settings.OrderCapture = OrderCapture.Paid;
            stores[0].SettingsJson = settings.ToJson();
            stores[1].SettingsJson = new StoreSettings { OrderCapture = OrderCapture.Completed }.ToJson();
            await db.SaveChangesAsync();
        }

        await using var check = fx.Db(org);
        var saved = await check.Stores.OrderBy(s => s.Name).Select(s => s.SettingsJson).ToListAsync();
        StoreSettings.FromJson(saved[0]).OrderCapture.ShouldBe(OrderCapture.Paid);
        StoreSettings.FromJson(saved[1]).OrderCapture.ShouldBe(OrderCapture.Completed);
    }

    [Fact]
    public async Task TimeZone_CanBeOverriddenWithANameOrAnOffset_AndNonsenseIsRefused()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<SetStoreTimeZone>();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        (await connector.SetTimeZoneAsync(FixedTenant.For(org), storeId, "Mars/Olympus")).ShouldNotBeNull();
        (await connector.SetTimeZoneAsync(FixedTenant.For(org), storeId, "UTC+05:30")).ShouldBeNull();
        (await connector.SetTimeZoneAsync(FixedTenant.For(org), storeId, "Europe/Berlin")).ShouldBeNull();
        var (other, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await connector.SetTimeZoneAsync(FixedTenant.For(other), storeId, "Europe/Paris")).ShouldBe("This store does not exist in your organization.");

        await using var check = fx.Db(org);
        var store = await check.Stores.SingleAsync();
        store.TimeZone.ShouldBe("Europe/Berlin");
        store.TimeZoneOverridden.ShouldBeTrue();
    }
}
