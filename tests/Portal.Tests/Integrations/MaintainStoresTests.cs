using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using WooCommerce.Emulator;
using Webhook = WooCommerce.Emulator.Model.Webhook;

namespace Portal.Tests.Integrations;

public sealed class MaintainStoresTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private static List<Webhook> PortalWebhooks(WooEmulator emulator, string publicKey)
    {
        lock (emulator.Store.Sync)
        {
            return emulator.Store.Webhooks.Where(w => w.DeliveryUrl.EndsWith("/webhooks/woocommerce/" + publicKey, StringComparison.Ordinal))
                .Select(w => new Webhook { Id = w.Id, Topic = w.Topic, Status = w.Status, DeliveryUrl = w.DeliveryUrl, Secret = w.Secret })
                .OrderBy(w => w.Id).ToList();
        }
    }

    private static void WithWebhook(WooEmulator emulator, string publicKey, string topic, Action<Webhook> change)
    {
        lock (emulator.Store.Sync)
        {
            change(emulator.Store.Webhooks.Single(w => w.Topic == topic && w.DeliveryUrl.EndsWith(publicKey, StringComparison.Ordinal)));
        }
    }

    private async Task<(int Org, ConnectedStore Store)> ConnectAsync(WooEmulator emulator)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        var result = await fx.ConnectClassicAsync(org, emulator);
        result.Succeeded.ShouldBeTrue(result.Message);
        return (org, await StoreAsync(org));
    }

    private async Task<ConnectedStore> StoreAsync(int org)
    {
        await using var db = fx.Db(org);
        return await db.Stores.AsNoTracking().SingleAsync();
    }

    private async Task<bool> CheckAsync(int org, int storeId)
    {
        await using var scope = fx.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MaintainStores>().CheckStoreAsync(org, storeId);
    }

    /// <summary>What a crash between saving the store and finishing its connection leaves behind.</summary>
    private async Task InterruptAsync(int org, TimeSpan ago)
    {
        await using var db = fx.Db(org);
        await db.Stores.ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StoreStatus.Connecting)
            .SetProperty(s => s.ConnectedAtUtc, DateTime.UtcNow - ago).SetProperty(s => s.WebhookIds, ""));
    }

    [Fact]
    public async Task CheckStore_WhenConnectingForMoreThanTenMinutes_ThenRemovesItsWebhooksAndTheStore()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        await InterruptAsync(org, TimeSpan.FromMinutes(11));
        var other = new Webhook();
        lock (emulator.Store.Sync)
        {
            // Someone else's webhook in the same store stays.
            emulator.Store.Webhooks.Add(other = new Webhook { Id = 999, Topic = "order.created", DeliveryUrl = "https://elsewhere.example/hook" });
        }

        var blocked = await fx.ConnectClassicAsync(org, emulator);
        blocked.Failure.ShouldBe(ConnectFailure.AlreadyConnected);
        blocked.Message.ShouldContain("did not finish");
        blocked.Message.ShouldContain("cleans it up");

        (await CheckAsync(org, store.Id)).ShouldBeTrue();

        PortalWebhooks(emulator, store.PublicKey).ShouldBeEmpty();
        lock (emulator.Store.Sync)
        {
            emulator.Store.Webhooks.ShouldContain(other);
        }

        await using (var db = fx.Db(org))
        {
            (await db.Stores.CountAsync()).ShouldBe(0);
        }

        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue("the address is free again");
    }

    [Fact]
    public async Task CheckStore_WhenConnectingStartedRecently_ThenLeavesItAlone()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        await InterruptAsync(org, TimeSpan.FromMinutes(2));

        await CheckAsync(org, store.Id);

        PortalWebhooks(emulator, store.PublicKey).Count.ShouldBe(StoreWebhooks.Topics.Length);
        (await StoreAsync(org)).Status.ShouldBe(StoreStatus.Connecting);
    }

    [Fact]
    public async Task CheckStore_WhenAnInterruptedStoreDoesNotAnswer_ThenKeepsItUntil24HoursThenRemovesIt()
    {
        var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        await InterruptAsync(org, TimeSpan.FromHours(23));
        await emulator.DisposeAsync();

        await CheckAsync(org, store.Id);
        (await StoreAsync(org)).Id.ShouldBe(store.Id, "the store may answer at the next run");

        await InterruptAsync(org, TimeSpan.FromHours(25));
        await CheckAsync(org, store.Id);
        await using var db = fx.Db(org);
        (await db.Stores.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task CheckStore_WhenAWebhookWasDisabledByTheStore_ThenReactivatesItAndSaysSo()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        WithWebhook(emulator, store.PublicKey, "order.updated", w => w.Status = "disabled");
        WithWebhook(emulator, store.PublicKey, "product.updated", w => w.Status = "paused");

        await CheckAsync(org, store.Id);

        PortalWebhooks(emulator, store.PublicKey).ShouldAllBe(w => w.Status == "active");
        var after = await StoreAsync(org);
        after.WebhookProblem.ShouldNotBeNull();
        after.WebhookProblem.ShouldContain("order.updated (disabled)");
        after.WebhookProblem.ShouldContain("product.updated (paused)");
        after.WebhookProblem.ShouldContain("reactivated");
        after.WebhooksCheckedAtUtc.ShouldNotBeNull();
        after.WebhookIds.ShouldBe(store.WebhookIds);
    }

    [Fact]
    public async Task CheckStore_WhenAWebhookWasDeleted_ThenRecreatesItWithTheStoresSecret()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        var secret = PortalWebhooks(emulator, store.PublicKey)[0].Secret;
        WithWebhook(emulator, store.PublicKey, "order.created", w => emulator.Store.Webhooks.Remove(w));

        await CheckAsync(org, store.Id);

        var webhooks = PortalWebhooks(emulator, store.PublicKey);
        webhooks.Select(w => w.Topic).ShouldBe(StoreWebhooks.Topics, ignoreOrder: true);
        webhooks.ShouldAllBe(w => w.Secret == secret);
        var after = await StoreAsync(org);
        after.GetWebhookIds().ShouldBe(webhooks.Select(w => (long)w.Id), ignoreOrder: true);
        after.WebhookProblem!.ShouldContain("order.created was missing");
    }

    [Fact]
    public async Task CheckStore_WhenThePortalAddressChanged_ThenPointsTheWebhooksAtTheCurrentOne()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        var current = PortalWebhooks(emulator, store.PublicKey)[0].DeliveryUrl;
        foreach (var topic in StoreWebhooks.Topics)
        {
            WithWebhook(emulator, store.PublicKey, topic, w => w.DeliveryUrl = "https://old-portal.example/webhooks/woocommerce/" + store.PublicKey);
        }

        await CheckAsync(org, store.Id);

        var webhooks = PortalWebhooks(emulator, store.PublicKey);
        webhooks.Count.ShouldBe(StoreWebhooks.Topics.Length);
        webhooks.ShouldAllBe(w => w.DeliveryUrl == current);
        (await StoreAsync(org)).WebhookProblem!.ShouldContain("old portal address");
    }

    [Fact]
    public async Task CheckStore_WhenTheKeyWasRevoked_ThenRecordsTheProblem()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        lock (emulator.Store.Sync)
        {
            emulator.Store.Keys.Clear();
        }

        await CheckAsync(org, store.Id);

        var after = await StoreAsync(org);
        after.WebhookProblem!.ShouldContain("the store refused the key (revoked?) — change credentials", Case.Insensitive);
        after.WebhookIds.ShouldBe(store.WebhookIds, "a failed check forgets nothing");
        after.WebhooksCheckedAtUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task CheckStore_WhenTheStoreDoesNotAnswer_ThenSaysSo()
    {
        var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        await emulator.DisposeAsync();

        await CheckAsync(org, store.Id);

        (await StoreAsync(org)).WebhookProblem!.ShouldStartWith("The store did not answer");
    }

    [Fact]
    public async Task CheckStore_WhenRunTwice_ThenTheSecondRunChangesNothingAndClearsTheNotice()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        WithWebhook(emulator, store.PublicKey, "order.deleted", w => emulator.Store.Webhooks.Remove(w));

        WithWebhook(emulator, store.PublicKey, "order.created", w => w.Status = "disabled");
        await CheckAsync(org, store.Id);
        var first = PortalWebhooks(emulator, store.PublicKey);
        (await StoreAsync(org)).WebhookProblem.ShouldNotBeNull();
        var requestsBefore = emulator.Requests.Entries.Count;

        await CheckAsync(org, store.Id);

        var second = PortalWebhooks(emulator, store.PublicKey);
        second.Select(w => (w.Id, w.Topic, w.Status, w.DeliveryUrl)).ShouldBe(first.Select(w => (w.Id, w.Topic, w.Status, w.DeliveryUrl)));
        second.Count.ShouldBe(StoreWebhooks.Topics.Length);
        emulator.Requests.Entries.Skip(requestsBefore).ShouldAllBe(r => r.Method == "GET", "a clean check only reads");
        var after = await StoreAsync(org);
        after.WebhookProblem.ShouldBeNull();
        after.GetWebhookIds().ShouldBe(second.Select(w => (long)w.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task CheckStore_WhenTheStoreHasDuplicatesOfThePortalsWebhooks_ThenKeepsOnePerTopic()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        var original = PortalWebhooks(emulator, store.PublicKey).Single(w => w.Topic == "order.created");
        lock (emulator.Store.Sync)
        {
            emulator.Store.Webhooks.Add(new Webhook { Id = 500, Topic = "order.created", DeliveryUrl = original.DeliveryUrl, Status = "active" });
        }

        await CheckAsync(org, store.Id);

        var webhooks = PortalWebhooks(emulator, store.PublicKey);
        webhooks.Count.ShouldBe(StoreWebhooks.Topics.Length);
        webhooks.ShouldContain(w => w.Id == original.Id);
    }

    /// <summary>Starts a check and returns once it is inside the store's (slowed) webhook listing.</summary>
    private async Task<Task<bool>> CheckWhileTheWebhookListingIsHeldAsync(WooEmulator emulator, int org, int storeId)
    {
        var fault = emulator.AddFault(new global::WooCommerce.Emulator.Control.FaultRule
        {
            PathPattern = "/wp-json/wc/v3/webhooks", Method = "GET", Kind = global::WooCommerce.Emulator.Control.FaultKind.Latency,
            LatencyMs = 2_000, Times = 1,
        });
        var check = CheckAsync(org, storeId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (fault.Fired == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        fault.Fired.ShouldBe(1, "the check reached the webhook listing");
        return check;
    }

    [Fact]
    public async Task CheckStore_WhenTheCredentialsChangeDuringTheCheck_ThenItsResultDoesNotOverwriteTheNewWebhookIds()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        WithWebhook(emulator, store.PublicKey, "order.created", w => w.Status = "disabled");
        // The listing of webhooks is slow, long enough for a change of credentials to land in between.
        var check = await CheckWhileTheWebhookListingIsHeldAsync(emulator, org, store.Id);
        await using (var db = fx.Db(org))
        {
            await db.Stores.ExecuteUpdateAsync(u => u.SetProperty(s => s.ProtectedConsumerKey, "new-protected-key").SetProperty(s => s.WebhookIds, "7,8,9,10"));
        }

        (await check).ShouldBeTrue();
        var after = await StoreAsync(org);
        after.WebhookIds.ShouldBe("7,8,9,10", "the ids saved with the new credentials stay");
        after.WebhooksCheckedAtUtc.ShouldBeNull("the check of the old credentials is dropped");
    }

    [Fact]
    public async Task CheckStore_WhenAnInterruptedConnectionFinishesDuringTheCleanUp_ThenTheStoreIsKept()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store) = await ConnectAsync(emulator);
        await InterruptAsync(org, TimeSpan.FromMinutes(11));
        var check = await CheckWhileTheWebhookListingIsHeldAsync(emulator, org, store.Id);
        await using (var db = fx.Db(org))
        {
            await db.Stores.ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StoreStatus.Connected));
        }

        (await check).ShouldBeTrue();
        (await StoreAsync(org)).Status.ShouldBe(StoreStatus.Connected);
    }

    [Fact]
    public async Task Run_ChecksStoresOfEveryOrganization()
    {
        await using var first = await fx.StartStoreAsync();
        await using var second = await fx.StartStoreAsync();
        var (org1, store1) = await ConnectAsync(first);
        var (org2, store2) = await ConnectAsync(second);
        WithWebhook(second, store2.PublicKey, "order.created", w => w.Status = "disabled");

        await using (var scope = fx.Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MaintainStores>().RunAsync();
        }

        (await StoreAsync(org1)).WebhooksCheckedAtUtc.ShouldNotBeNull();
        PortalWebhooks(second, store2.PublicKey).ShouldAllBe(w => w.Status == "active");
        PortalWebhooks(first, store1.PublicKey).Count.ShouldBe(StoreWebhooks.Topics.Length);
        (await StoreAsync(org2)).WebhookProblem.ShouldNotBeNull();
    }
}
