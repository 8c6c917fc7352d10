using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Integrations;
using Portal.Hosting;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>The two anonymous endpoints stores call: the app-authorization callback and the webhook receiver.</summary>
public static class WooEndpoints
{
    public const int MaxWebhookBody = 4 * 1024 * 1024;
    private const int MaxCallbackBody = 64 * 1024;

    public static void MapWooCommerceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(StorePaths.CallbackPath, CallbackAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Callback).WithMetadata(new RequestSizeLimitAttribute(MaxCallbackBody));
        app.MapPost(StorePaths.WebhookPathPrefix + "{storeKey}", ReceiveWebhookAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Webhooks).WithMetadata(new RequestSizeLimitAttribute(MaxWebhookBody));
    }

    /// <summary>WooCommerce deletes the key unless this answers exactly 200.</summary>
    private static async Task<IResult> CallbackAsync(HttpRequest request, AcceptAppAuthorizationCallback accept, CancellationToken ct)
    {
        NoStatusPages(request);
        WooAuthCallback? callback;
        try
        {
            callback = await JsonSerializer.DeserializeAsync<WooAuthCallback>(request.Body, WooJson.Options, ct);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        return callback is not null && await accept.AcceptCallbackAsync(callback, ct) ? Results.Ok() : Results.BadRequest();
    }

    /// <summary>The columns the receiver needs of the store its URL names.</summary>
    private sealed record ReceivingStore(int Id, int OrganizationId, string ProtectedWebhookSecret, bool WebhooksNotReaching, DateTime? LastWebhookAtUtc);

    // The receiver's hot path: compiled once, not translated per delivery. The URL names the store, not the organization.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<ReceivingStore?>> StoreByKey =
        EF.CompileAsyncQuery((PortalDbContext db, string key, CancellationToken _) => db.Stores.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.PublicKey == key)
            .Select(s => new ReceivingStore(s.Id, s.OrganizationId, s.ProtectedWebhookSecret, s.WebhooksNotReaching, s.LastWebhookAtUtc))
            .SingleOrDefault());

    private static readonly Func<PortalDbContext, int, string, CancellationToken, Task<bool>> DeliveryStored =
        EF.CompileAsyncQuery((PortalDbContext db, int storeId, string deliveryId, CancellationToken _) => db.WebhookInbox.IgnoreQueryFilters()
            .Any(w => w.StoreId == storeId && w.DeliveryId == deliveryId));

    /// <summary>
    /// A lean path, since a store's sale day sends deliveries by the thousand: one context and connection, the store
    /// read with a compiled query, and the delivery stored by one statement (<see cref="StoreDeliveryAsync"/>).
    /// </summary>
    private static async Task<IResult> ReceiveWebhookAsync(string storeKey, HttpRequest request, IPortalDbContextFactory dbFactory,
        StoreSecrets secrets, TimeProvider clock, Orders.OrderInboxSignal orders, CancellationToken ct)
    {
        // Stores read status codes, not pages: no re-execution to the portal's not-found page.
        NoStatusPages(request);
        if (request.ContentLength > MaxWebhookBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // No organization yet: the store row says which. The context only runs the store's own statements below.
        await using var db = dbFactory.Create(FixedTenant.None);
        // Looked up first: nothing is read for an unknown store.
        if (await StoreByKey(db, storeKey, ct) is not { } store)
        {
            return Results.NotFound();
        }

        if (await ReadBodyAsync(request, ct) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = request.Headers[WooWebhookSignature.HeaderName].ToString();
        if (signature.Length == 0 && IsPing(request, body))
        {
            // Anyone can send an unsigned ping: it records only that pings arrive, and changes nothing else.
            await db.Stores.IgnoreQueryFilters().Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastPingAtUtc, now), ct);
            return Results.Ok();
        }

        if (!WooWebhookSignature.Verify(body, signature, secrets.Unprotect(store.ProtectedWebhookSecret)))
        {
            return Results.Unauthorized();
        }

        var deliveryId = request.Headers["X-WC-Webhook-Delivery-ID"].ToString();
        var topic = request.Headers["X-WC-Webhook-Topic"].ToString();
        if (deliveryId.Length is 0 or > 64 || topic.Length is 0 or > 64)
        {
            return Results.BadRequest();
        }

        // A repeat is answered from a read, which does not wait for the write lock.
        if (!await DeliveryStored(db, store.Id, deliveryId, ct)
            && await StoreDeliveryAsync(db, new WebhookInboxEntry
            {
                OrganizationId = store.OrganizationId,
                StoreId = store.Id,
                DeliveryId = deliveryId,
                Topic = topic,
                ResourceId = ResourceId(body),
                Body = System.Text.Encoding.UTF8.GetString(body),
                ReceivedAtUtc = now,
            }, ct)
            && topic.StartsWith(Orders.DrainOrderInbox.TopicPrefix, StringComparison.Ordinal))
        {
            orders.Notify();
        }

        // "Last webhook" is health information, not a counter: refreshed at most once a minute, so a burst of
        // deliveries does not queue behind writes of the same store row.
        if (store.WebhooksNotReaching || store.LastWebhookAtUtc is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            await db.Stores.IgnoreQueryFilters().Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LastWebhookAtUtc, now).SetProperty(s => s.WebhooksNotReaching, false), ct);
        }

        return Results.Ok();
    }

    /// <summary>
    /// Stores a delivery once, by one INSERT … WHERE NOT EXISTS that commits on its own before the caller answers 200;
    /// false when the same delivery was stored before (a store resending: not an error). On SQLite the statement holds
    /// the write lock from check to insert, so a repeat racing in never hits the unique index and no failed command is
    /// logged; on a server database the unique index decides. Any other failure is not answered 200: the store would
    /// count the delivery as done (polling then catches up).
    /// </summary>
    private static async Task<bool> StoreDeliveryAsync(PortalDbContext db, WebhookInboxEntry entry, CancellationToken ct)
    {
        try
        {
            return await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "WebhookInbox" ("OrganizationId", "StoreId", "DeliveryId", "Topic", "ResourceId", "Body", "ReceivedAtUtc", "Attempts")
                SELECT {entry.OrganizationId}, {entry.StoreId}, {entry.DeliveryId}, {entry.Topic}, {entry.ResourceId}, {entry.Body}, {entry.ReceivedAtUtc}, 0
                WHERE NOT EXISTS (SELECT 1 FROM "WebhookInbox" WHERE "StoreId" = {entry.StoreId} AND "DeliveryId" = {entry.DeliveryId})
                """, ct) == 1;
        }
        catch (Microsoft.Data.SqlClient.SqlException e) when (e.Number is 2601 or 2627)
        {
            return false;
        }
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxWebhookBody"/>: counted as it is read, so a
    /// chunked body without a length is cut off too.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxWebhookBody)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit, set from the endpoint's RequestSizeLimit.
            return null;
        }

        return buffer.ToArray();
    }

    private static void NoStatusPages(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    private static bool IsPing(HttpRequest request, byte[] body) =>
        request.HasFormContentType && body.Length < 100
        && System.Text.Encoding.UTF8.GetString(body).StartsWith("webhook_id=", StringComparison.Ordinal);

    /// <summary>The body's top-level <c>id</c> when it is a number: read with a forward-only reader (no document is
    /// built for a body of up to 4 MB); null for anything else, including a malformed body.</summary>
    private static string? ResourceId(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? id = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && id is null)
                {
                    id = reader.TokenType == JsonTokenType.Number
                        ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan)
                        : "";
                }

                reader.Skip();
            }

            // The whole body was read: a malformed document names no resource, as before.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && id is { Length: > 0 } ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
