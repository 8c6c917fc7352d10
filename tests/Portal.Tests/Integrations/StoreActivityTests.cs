using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tenancy;
using Portal.Features.Integrations;
using Portal.Features.Support;
using Portal.Identity;

namespace Portal.Tests.Integrations;

public sealed class StoreActivityTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    [Fact]
    public async Task CallsOfAConnectedStore_ArePersistedFilteredAndReadableBySupportWithAnAudit()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();

        // The webhook creations (one per topic) happen once the store is saved; the checks before wait for it and are kept.
        await WaitForAsync(org, a => a.Method == "POST", StoreWebhooks.Topics.Length);
        await WaitForAsync(org, a => a.Path.EndsWith("wc/v3/system_status", StringComparison.Ordinal), 1);

        await using (var db = fx.Db(org))
        {
            var store = await db.Stores.SingleAsync();
            var all = await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(), 0, 25, default);
            all.Items.Count(a => a.Method == "POST" && a.Path.Contains("wc/v3/webhooks")).ShouldBe(StoreWebhooks.Topics.Length);
            all.Items.ShouldAllBe(a => !a.Path.Contains("consumer_secret") && !a.Path.Contains("oauth_signature"));
            (await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(Method: "GET"), 0, 25, default)).Items.ShouldAllBe(a => a.Method == "GET");
            // The connection's checks are logged too, and a loaded machine can time one out before its retry succeeds.
            var failures = await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(FailuresOnly: true), 0, 25, default);
            failures.Total.ShouldBe(all.Items.Count(a => a.Status is null or >= 400));
            failures.Items.ShouldAllBe(a => a.Status == null || a.Status >= 400);
            var paged = await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(Method: "POST"), 1, 3, default);
            paged.Total.ShouldBe(StoreWebhooks.Topics.Length);
            paged.Items.Count.ShouldBe(Math.Clamp(StoreWebhooks.Topics.Length - 3, 0, 3));
            store.LastSuccessfulCallAtUtc.ShouldNotBeNull();
        }

        var support = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "support-1"), new Claim(ClaimTypes.Name, "help@wooportal.test"), new Claim(PortalClaims.Support, "true")], "test"));
        await using (var view = await fx.Portal.Services.GetRequiredService<SupportAccess>().OpenAsync(support, org, "Read the activity log of store 1"))
        {
            var storeId = await view.Stores.Select(s => s.Id).SingleAsync();
            (await StoreActivityQuery.PageAsync(view, storeId, new ActivityFilter(Method: "POST"), 0, 25, default)).Total.ShouldBe(StoreWebhooks.Topics.Length);
            view.StoreActivity.RemoveRange(await view.StoreActivity.ToListAsync());
            await Should.ThrowAsync<TenantIsolationException>(() => view.SaveChangesAsync());
        }

        await using var audit = fx.Portal.OpenDatabase(FixedTenant.None);
        (await audit.SupportAudit.SingleAsync(a => a.OrganizationId == org)).What.ShouldBe("Read the activity log of store 1");
    }

    [Fact]
    public async Task ActivityLog_ThenReadsAsWordsWithTheConnectionChecksAndTheReceivedDeliveries()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await WaitForAsync(org, a => a.Method == "POST", StoreWebhooks.Topics.Length);
        await WaitForAsync(org, a => a.Path.EndsWith("wc/v3/data/currencies/current", StringComparison.Ordinal), 1);

        await using var db = fx.Db(org);
        var store = await db.Stores.SingleAsync();
        var connectedAt = await db.StoreActivity.Where(a => a.Method == "POST").MinAsync(a => a.AtUtc);
        db.WebhookInbox.Add(new Portal.Domain.Integrations.WebhookInboxEntry
        {
            OrganizationId = org, StoreId = store.Id, DeliveryId = "d-1", Topic = "order.created", ResourceId = "501", Body = "{}",
            ReceivedAtUtc = connectedAt.AddMinutes(5),
        });
        await db.SaveChangesAsync();

        var log = (await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(), 0, 100, default)).Items;
        var words = log.Select(a => a.Description).ToList();
        words.ShouldContain("Created webhook order.created");
        words.ShouldContain("Created webhook order.updated");
        words.ShouldContain("Read the store's system status", "a check made before the store was saved");
        words.ShouldContain("Read the store's currency");
        log[0].Description.ShouldBe("Received webhook order.created for order 501", "newest first: the delivery came last");
        log[0].IsDelivery.ShouldBeTrue();
        log.Where(a => !a.IsDelivery).ShouldAllBe(a => a.Path.Contains("/wp-json/") || a.Path.Contains("rest_route"));

        var received = await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(Method: ActivityFilter.Received), 0, 25, default);
        received.Total.ShouldBe(1);
        var failures = await StoreActivityQuery.PageAsync(db, store.Id, new ActivityFilter(FailuresOnly: true), 0, 25, default);
        failures.Items.ShouldAllBe(f => !f.IsDelivery && (f.Status == null || f.Status >= 400));
    }

    [Fact]
    public async Task ChangeCredentials_WhenNewKeysAreTried_ThenTheirCallsAreLoggedUnderTheStore()
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        await using var emulator = await fx.StartStoreAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await WaitForAsync(org, a => a.Method == "POST", StoreWebhooks.Topics.Length);
        int storeId;
        await using (var db = fx.Db(org))
        {
            storeId = await db.Stores.Select(s => s.Id).SingleAsync();
        }

        var key = emulator.CreateKey(global::WooCommerce.Emulator.Model.KeyPermission.ReadWrite);
        await using (var scope = fx.Portal.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>()
                .ChangeCredentialsAsync(FixedTenant.For(org), storeId, null, key.ConsumerKey, "cs_wrong", false)).Failure.ShouldBe(ConnectFailure.BadCredentials);
            (await scope.ServiceProvider.GetRequiredService<ChangeStoreCredentials>()
                .ChangeCredentialsAsync(FixedTenant.For(org), storeId, null, key.ConsumerKey, key.ConsumerSecret, false)).Succeeded.ShouldBeTrue();
        }

        // The refused try shows its 401; the accepted one its checks and the new webhooks, then the old ones' removal.
        await WaitForAsync(org, a => a.Status == 401, 1);
        await WaitForAsync(org, a => a.Method == "POST", 2 * StoreWebhooks.Topics.Length);
        await WaitForAsync(org, a => a.Method == "DELETE", StoreWebhooks.Topics.Length);
    }

    private async Task WaitForAsync(int org, Func<Portal.Domain.Integrations.StoreActivity, bool> which, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var found = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = fx.Db(org);
            found = (await db.StoreActivity.AsNoTracking().ToListAsync()).Count(which);
            if (found >= count)
            {
                break;
            }

            await Task.Delay(100);
        }

        found.ShouldBe(count);
    }
}
