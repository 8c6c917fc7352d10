using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Integrations;
using Portal.Features.Integrations;
using Portal.WooCommerce;

namespace Portal.Tests.Integrations;

public sealed class WebhookReceiverTests(StorePortalFixture fx) : IClassFixture<StorePortalFixture>
{
    private async Task<(int Org, ConnectedStore Store, string Secret)> ConnectAsync(global::WooCommerce.Emulator.WooEmulator emulator)
    {
        var (org, _, _) = await fx.Portal.CreateOrganizationAsync();
        (await fx.ConnectClassicAsync(org, emulator)).Succeeded.ShouldBeTrue();
        await using var db = fx.Db(org);
        var store = await db.Stores.AsNoTracking().SingleAsync();
        var secret = fx.Portal.Services.GetRequiredService<StoreSecrets>().Unprotect(store.ProtectedWebhookSecret);
        return (org, store, secret);
    }

    private static HttpRequestMessage Delivery(ConnectedStore store, string body, string signature, string deliveryId) => new(
        HttpMethod.Post, "/webhooks/woocommerce/" + store.PublicKey)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
        Headers =
        {
            { "X-WC-Webhook-Topic", "order.updated" },
            { "X-WC-Webhook-Resource", "order" },
            { "X-WC-Webhook-Event", "updated" },
            { "X-WC-Webhook-Signature", signature },
            { "X-WC-Webhook-Delivery-ID", deliveryId },
        },
    };

    [Fact]
    public async Task Receiver_PingBadSignatureValidAndDuplicate()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store, secret) = await ConnectAsync(emulator);
        using var http = new HttpClient { BaseAddress = new Uri(fx.Portal.BaseUrl) };

        var ping = await http.PostAsync("/webhooks/woocommerce/" + store.PublicKey,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["webhook_id"] = "7" }));
        ping.StatusCode.ShouldBe(HttpStatusCode.OK);

        const string body = "{\"id\":188,\"status\":\"processing\"}";
        var forged = await http.SendAsync(Delivery(store, body, WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), "not-the-secret"), "d1"));
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unsigned = await http.SendAsync(Delivery(store, body, "", "d1"));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using (var db = fx.Db(org))
        {
            (await db.WebhookInbox.CountAsync()).ShouldBe(0);
        }

        var signature = WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), secret);
        (await http.SendAsync(Delivery(store, body, signature, "d1"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.SendAsync(Delivery(store, body, signature, "d1"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var db = fx.Db(org))
        {
            var entry = (await db.WebhookInbox.ToListAsync()).ShouldHaveSingleItem();
            entry.StoreId.ShouldBe(store.Id);
            entry.DeliveryId.ShouldBe("d1");
            entry.Topic.ShouldBe("order.updated");
            entry.ResourceId.ShouldBe("188");
            entry.Body.ShouldBe(body);
            entry.ProcessedAtUtc.ShouldBeNull();
            (await db.Stores.SingleAsync()).LastWebhookAtUtc.ShouldNotBeNull();
        }

        (await http.PostAsync("/webhooks/woocommerce/unknownstore", new StringContent(body))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Receiver_WhenTheInboxCannotBeWritten_ThenTheDeliveryIsNotAnswered200AndARepeatIsStored()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store, secret) = await ConnectAsync(emulator);
        using var http = new HttpClient { BaseAddress = new Uri(fx.Portal.BaseUrl) };
        const string body = "{\"id\":190,\"status\":\"processing\"}";
        var signature = WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), secret);
        var trigger = $"inbox_down_{store.Id}";
        // DDL takes no parameters; the names are built from an integer id.
        var create = $"CREATE TRIGGER {trigger} BEFORE INSERT ON WebhookInbox WHEN NEW.StoreId = {store.Id} BEGIN SELECT RAISE(ABORT, 'disk full'); END;";
        var drop = $"DROP TRIGGER {trigger};";
        await using (var db = fx.Db(org))
        {
            // A database failure that is not a repeated delivery (a full disk, say), for this store only.
            await db.Database.ExecuteSqlRawAsync(create);
        }

        var failed = await http.SendAsync(Delivery(store, body, signature, "d-down"));
        await using (var db = fx.Db(org))
        {
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        var repeated = await http.SendAsync(Delivery(store, body, signature, "d-down"));

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, "a 200 would tell WooCommerce the delivery was taken");
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var check = fx.Db(org);
        (await check.WebhookInbox.Select(w => w.DeliveryId).ToListAsync()).ShouldBe(["d-down"]);
    }

    [Fact]
    public async Task Receiver_WhenADeliveryArrivesForAStoreMarkedNotReaching_ThenTheMarkIsClearedEvenRightAfterAnother()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store, secret) = await ConnectAsync(emulator);
        using var http = new HttpClient { BaseAddress = new Uri(fx.Portal.BaseUrl) };
        var recent = DateTime.UtcNow.AddSeconds(-5);
        await using (var db = fx.Db(org))
        {
            await db.Stores.Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.WebhooksNotReaching, true).SetProperty(s => s.LastWebhookAtUtc, recent));
        }

        const string body = "{\"id\":191}";
        var answer = await http.SendAsync(Delivery(store, body, WooWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), secret), "d-reach"));

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var check = fx.Db(org);
        var saved = await check.Stores.SingleAsync(s => s.Id == store.Id);
        saved.WebhooksNotReaching.ShouldBeFalse("a delivery proves webhooks reach the portal");
        saved.LastWebhookAtUtc.ShouldNotBe(recent);
    }

    [Fact]
    public async Task Receiver_StoresRealDeliveriesOfTheStore()
    {
        await using var emulator = await fx.StartStoreAsync();
        var (org, store, _) = await ConnectAsync(emulator);

        emulator.Webhooks.Raise("product.updated", 12, "test");
        await emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));

        emulator.Webhooks.Deliveries.Where(d => d.Url.EndsWith(store.PublicKey, StringComparison.Ordinal)).ShouldAllBe(d => d.Succeeded);
        await using var db = fx.Db(org);
        var entry = (await db.WebhookInbox.ToListAsync()).ShouldHaveSingleItem();
        entry.Topic.ShouldBe("product.updated");
        entry.ResourceId.ShouldBe("12");
    }
}
