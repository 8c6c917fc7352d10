using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>The portal's webhooks in a store: where they deliver, creating them all or none, and removing them.</summary>
public sealed class StoreWebhooks(IOptions<PortalOptions> portalOptions)
{
    /// <summary>
    /// The topics the portal subscribes to. product.deleted is what WooCommerce fires when a product is trashed (it hangs
    /// on wp_trash_post), so without it a product trashed in wp-admin would never show as missing in the catalog.
    /// </summary>
    public static readonly string[] Topics = ["order.created", "order.updated", "order.deleted", "product.updated", "product.deleted"];
    public const string AppName = "WooPortal";

    /// <summary>The portal's public address without a trailing slash; null when not configured.</summary>
    public string? PublicUrl => portalOptions.Value.PublicUrl?.TrimEnd('/');

    public bool HasPublicUrl => PublicUrl is not null;

    public bool PublicUrlIsHttps => portalOptions.Value.PublicUrlIsHttps;

    /// <summary>Where the store delivers a store's webhooks: the current public address; null without one.</summary>
    public string? WebhookUrl(string publicKey) => PublicUrl is null ? null : PublicUrl + StorePaths.WebhookPathPrefix + publicKey;

    /// <summary>One of the portal's webhooks, created at most once per topic and delivery URL (see the client).</summary>
    public Task<WooWebhook> CreateAsync(WooClient client, string topic, string publicKey, string secret, CancellationToken ct) =>
        client.CreateWebhookAsync(new WooWebhook
        {
            Name = $"{AppName} {topic}",
            Topic = topic,
            Status = "active",
            DeliveryUrl = WebhookUrl(publicKey),
            Secret = secret,
        }, ct);

    /// <summary>Creates the portal's webhooks; on failure removes those already created and throws with the reason.</summary>
    public async Task<List<long>> CreateAllAsync(WooClient client, string publicKey, string secret, CancellationToken ct)
    {
        var created = new List<long>();
        try
        {
            foreach (var topic in Topics)
            {
                var webhook = await CreateAsync(client, topic, publicKey, secret, ct);
                created.Add(webhook.Id);
            }

            return created;
        }
        catch (OperationCanceledException)
        {
            // Nobody would know these webhooks: the caller saves their ids only after this returns.
            await RemoveAsync(client, created);
            throw;
        }
        catch (WooApiException e)
        {
            await RemoveAsync(client, created);
            throw new WebhookCreationException(e.Kind == WooErrorKind.MissingPermission
                ? ConnectResult.Fail(ConnectFailure.KeyNotReadWrite,
                    "The key can read but not write (its permission is Read). Create a key with Read/Write permission in WooCommerce.")
                : ConnectResult.Fail(ConnectFailure.WebhooksFailed, $"The store refused to create the portal's webhooks: {e.Message}"));
        }
    }

    /// <summary>Best effort: a webhook left behind only fails its deliveries (404) and the store disables it.</summary>
    public static async Task RemoveAsync(WooClient client, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                await client.DeleteWebhookAsync(id, CancellationToken.None);
            }
            catch (WooApiException)
            {
                // Left behind; see above.
            }
        }
    }

    /// <summary>
    /// Whether a ping reached the receiver (which records it on the store row) since <paramref name="since"/>. The
    /// store pings each new webhook synchronously, so right after creating them the answer is final.
    /// </summary>
    public static async Task<bool> PingedSinceAsync(PortalDbContext db, int storeId, DateTime? since, CancellationToken ct) =>
        await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.LastPingAtUtc).SingleAsync(ct) is { } pinged
        && (since is null || pinged >= since);
}

/// <summary>The store refused one of the portal's webhooks; those already created were removed.</summary>
public sealed class WebhookCreationException(ConnectResult result) : Exception(result.Message)
{
    public ConnectResult Result { get; } = result;
}
