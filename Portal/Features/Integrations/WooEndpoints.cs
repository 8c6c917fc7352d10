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

    private static async Task<IResult> ReceiveWebhookAsync(string storeKey, HttpRequest request, IPortalDbContextFactory dbFactory,
        StoreSecrets secrets, TimeProvider clock, Orders.OrderInboxSignal orders, CancellationToken ct)
    {
        // Stores read status codes, not pages: no re-execution to the portal's not-found page.
        NoStatusPages(request);
        if (request.ContentLength > MaxWebhookBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        ConnectedStore? store;
        await using (var lookup = dbFactory.Create(FixedTenant.None))
        {
            // The URL names the store, not the organization. Looked up first: nothing is read for an unknown store.
            store = await lookup.Stores.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.PublicKey == storeKey, ct);
        }

        if (store is null)
        {
            return Results.NotFound();
        }

        if (await ReadBodyAsync(request, ct) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = request.Headers[WooWebhookSignature.HeaderName].ToString();
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        if (signature.Length == 0 && IsPing(request, body))
        {
            // Anyone can send an unsigned ping: it records only that pings arrive, and changes nothing else.
            await db.Stores.Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastPingAtUtc, now), ct);
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

        if (!await db.WebhookInbox.AnyAsync(w => w.StoreId == store.Id && w.DeliveryId == deliveryId, ct)
            && await StoreDeliveryAsync(db, new WebhookInboxEntry
            {
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
            await db.Stores.Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LastWebhookAtUtc, now).SetProperty(s => s.WebhooksNotReaching, false), ct);
        }

        return Results.Ok();
    }

    /// <summary>
    /// Stores a delivery once; false when the same delivery raced in twice and the other copy was stored (the
    /// expected race of a store resending: not an error). Checked again inside the write transaction, so on SQLite
    /// (one writer at a time) the unique index is never hit and no failed command is logged; on a server database
    /// the unique index decides. Any other failure is not answered 200: the store would count the delivery as done
    /// (polling then catches up). The transaction commits before the caller answers 200.
    /// </summary>
    private static async Task<bool> StoreDeliveryAsync(PortalDbContext db, WebhookInboxEntry entry, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.WebhookInbox.AnyAsync(w => w.StoreId == entry.StoreId && w.DeliveryId == entry.DeliveryId, ct))
        {
            return false;
        }

        db.WebhookInbox.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (Portal.Features.Common.UnitOfWork.IsUniqueViolation(e))
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

    private static string? ResourceId(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
