using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Webhooks;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

public static class WebhooksApi
{
    private static readonly string[] Resources = ["order", "product", "customer", "coupon"];
    private static readonly string[] Events = ["created", "updated", "deleted", "restored"];
    private static readonly string[] WebhookStatuses = ["active", "paused", "disabled"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", (HttpContext c) => Locked(c, store =>
        {
            var status = c.Param("status") ?? "all";
            IEnumerable<Webhook> q = store.Webhooks;
            if (status != "all") q = q.Where(w => w.Status == status);
            var list = c.Ordered(q, by => by switch { "date" => w => (w.CreatedUtc, w.Id), "id" => w => w.Id, "title" => w => w.Name, _ => null }, "date").ToList();
            var render = c.Render();
            return c.Page(list, render.WebhookJson);
        }));
        api.MapGet("/webhooks/{id:int}", (HttpContext c, int id) => Locked(c, store => Http.Json(c.Render().WebhookJson(Find(store, id)))));
        api.MapPost("/webhooks", async (HttpContext c) =>
        {
            var store = c.Store();
            Webhook webhook;
            lock (store.Sync) webhook = Create(c, store, c.Params().Body);
            await PingIfPendingAsync(c, webhook);
            lock (store.Sync) return Http.Json(c.Render().WebhookJson(webhook), 201);
        });
        api.MapMethods("/webhooks/{id:int}", ["PUT", "PATCH", "POST"], async (HttpContext c, int id) =>
        {
            var store = c.Store();
            Webhook webhook;
            lock (store.Sync) webhook = Update(c, store, id, c.Params().Body);
            await PingIfPendingAsync(c, webhook);
            lock (store.Sync) return Http.Json(c.Render().WebhookJson(webhook));
        });
        api.MapDelete("/webhooks/{id:int}", (HttpContext c, int id) => Locked(c, store =>
        {
            Find(store, id);
            RequireForce(c, "Webhooks do not support trashing.");
            return Http.Json(Delete(c, store, id));
        }));
        // Created and reactivated webhooks are pinged once the batch is done, as each create_item would.
        api.MapBatch("/webhooks/batch", async (HttpContext c) =>
        {
            var store = c.Store();
            var touched = new List<Webhook>();
            JsonObject result;
            lock (store.Sync)
            {
                var render = c.Render();
                result = Batch.Run(c.Params().Body,
                    item =>
                    {
                        var webhook = Create(c, store, item);
                        touched.Add(webhook);
                        return render.WebhookJson(webhook);
                    },
                    item =>
                    {
                        var webhook = Update(c, store, item["id"].Int("id"), item);
                        touched.Add(webhook);
                        return render.WebhookJson(webhook);
                    },
                    id => Delete(c, store, id));
            }
            foreach (var webhook in touched) await PingIfPendingAsync(c, webhook);
            return Http.Json(result);
        });
    }

    private static Webhook Create(HttpContext c, Store store, JsonObject body)
    {
        var topic = body["topic"].Str();
        if (!ValidTopic(topic))
            throw WooException.Of("woocommerce_rest_webhook_invalid_topic", "Webhook topic is required and must be valid.", 400);
        var url = body["delivery_url"].Str();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw WooException.Of("woocommerce_rest_webhook_invalid_delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.", 400);
        var now = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var webhook = new Webhook
        {
            Name = body["name"]?.Str() is { Length: > 0 } n ? n : $"Webhook created on {now:MMM d, yyyy @ h:mm tt}",
            Topic = topic,
            DeliveryUrl = url,
            Status = "active",
            Secret = body["secret"]?.Str() is { Length: > 0 } s ? s : Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)),
            CreatedUtc = now,
            ModifiedUtc = now,
        };
        SetStatus(webhook, body);
        webhook.Id = store.NextWebhookId++;
        store.Webhooks.Add(webhook);
        return webhook;
    }

    private static Webhook Update(HttpContext c, Store store, int id, JsonObject body)
    {
        var webhook = Find(store, id, 400);
        if (body["topic"] is JsonNode t && !ValidTopic(t.Str())) throw WooException.Of("woocommerce_rest_webhook_invalid_topic", "Webhook topic must be valid.", 400);
        if (body["name"] is JsonNode n) webhook.Name = n.Str();
        if (body["topic"] is JsonNode topic) webhook.Topic = topic.Str();
        if (body["delivery_url"] is JsonNode u) webhook.DeliveryUrl = u.Str();
        if (body["secret"] is JsonNode s) webhook.Secret = s.Str();
        SetStatus(webhook, body);
        webhook.ModifiedUtc = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return webhook;
    }

    private static JsonObject Delete(HttpContext c, Store store, int id)
    {
        var webhook = Find(store, id);
        var json = c.Render().WebhookJson(webhook);
        store.Webhooks.Remove(webhook);
        return json;
    }

    private static void SetStatus(Webhook webhook, JsonObject body)
    {
        if (body["status"] is not JsonNode statusNode) return;
        var status = statusNode.Str();
        if (!WebhookStatuses.Contains(status))
            throw WooException.InvalidParam("status", "rest_not_in_enum", "status is not one of active, paused, and disabled.");
        if (status == "active" && webhook.Status != "active") webhook.FailureCount = 0;
        webhook.Status = status;
    }

    /// <summary>WooCommerce pings synchronously while a webhook is active and still pending its first delivery.</summary>
    private static async Task PingIfPendingAsync(HttpContext c, Webhook webhook)
    {
        if (webhook.Status != "active" || !webhook.PendingDelivery) return;
        var result = await c.RequestServices.GetRequiredService<WebhookDispatcher>().PingAsync(webhook);
        lock (c.Store().Sync)
        {
            if (result.Succeeded) webhook.PendingDelivery = false;
        }
    }

    private static bool ValidTopic(string topic)
    {
        var parts = topic.Split('.');
        if (parts.Length != 2) return false;
        return parts[0] == "action" ? parts[1].Length > 0 : Resources.Contains(parts[0]) && Events.Contains(parts[1]);
    }

    private static Webhook Find(Store store, int id, int status = 404) =>
        store.Webhooks.FirstOrDefault(w => w.Id == id) ?? throw WooException.Of("woocommerce_rest_webhook_invalid_id", "Invalid ID.", status);
}
