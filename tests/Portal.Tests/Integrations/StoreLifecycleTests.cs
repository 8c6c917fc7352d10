using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using WooCommerce.Emulator.Model;

namespace Portal.Tests.Integrations;

public sealed class StoreLifecycleTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private static int PortalWebhooks(global::WooCommerce.Emulator.WooEmulator emulator, string publicKey)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Webhooks.Count(w => w.DeliveryUrl.EndsWith("/webhooks/woocommerce/" + publicKey, StringComparison.Ordinal));
        }
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
        var connector = scope.ServiceProvider.GetRequiredService<StoreConnector>();

        var wrong = await connector.ChangeCredentialsAsync(org, before.Id, newStore.BaseUrl, key.ConsumerKey, "cs_not_the_secret_at_all", false);
        wrong.Failure.ShouldBe(ConnectFailure.BadCredentials);
        PortalWebhooks(oldStore, before.PublicKey).ShouldBe(4, "a failed change leaves the store as it was");

        var result = await connector.ChangeCredentialsAsync(org, before.Id, newStore.BaseUrl, key.ConsumerKey, key.ConsumerSecret, false);

        result.Succeeded.ShouldBeTrue(result.Message);
        PortalWebhooks(oldStore, before.PublicKey).ShouldBe(0);
        PortalWebhooks(newStore, before.PublicKey).ShouldBe(4);
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
        var result = await scope.ServiceProvider.GetRequiredService<StoreConnector>().DisconnectAsync(org, store.Id);

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
        var result = await scope.ServiceProvider.GetRequiredService<StoreConnector>().DisconnectAsync(org, storeId);

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
        var connector = scope.ServiceProvider.GetRequiredService<StoreConnector>();
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        (await connector.SetTimeZoneAsync(org, storeId, "Mars/Olympus")).ShouldNotBeNull();
        (await connector.SetTimeZoneAsync(org, storeId, "UTC+05:30")).ShouldBeNull();
        (await connector.SetTimeZoneAsync(org, storeId, "Europe/Berlin")).ShouldBeNull();
        var (other, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await connector.SetTimeZoneAsync(other, storeId, "Europe/Paris")).ShouldBe("This store does not exist in your organization.");

        await using var check = fx.Db(org);
        var store = await check.Stores.SingleAsync();
        store.TimeZone.ShouldBe("Europe/Berlin");
        store.TimeZoneOverridden.ShouldBeTrue();
    }
}
