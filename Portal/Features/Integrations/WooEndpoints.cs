using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>The two anonymous endpoints stores call: the app-authorization callback and the webhook receiver.</summary>
public static class WooEndpoints
{
    private const int MaxWebhookBody = 4 * 1024 * 1024;

    public static void MapWooCommerceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(StorePaths.CallbackPath, CallbackAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(StorePaths.WebhookPathPrefix + "{storeKey}", ReceiveWebhookAsync).AllowAnonymous().DisableAntiforgery();
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
        StoreSecrets secrets, TimeProvider clock, CancellationToken ct)
    {
        // Stores read status codes, not pages: no re-execution to the portal's not-found page.
        NoStatusPages(request);
        if (request.ContentLength > MaxWebhookBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        ConnectedStore? store;
        await using (var lookup = dbFactory.Create(FixedTenant.None))
        {
            // The URL names the store, not the organization.
            store = await lookup.Stores.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.PublicKey == storeKey, ct);
        }

        if (store is null)
        {
            return Results.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = request.Headers[WooWebhookSignature.HeaderName].ToString();
        await using var db = dbFactory.CreateForOrganization(store.OrganizationId);
        if (signature.Length == 0 && IsPing(request, body))
        {
            await db.Stores.Where(s => s.Id == store.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LastPingAtUtc, now).SetProperty(s => s.WebhooksNotReaching, false), ct);
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

        if (!await db.WebhookInbox.AnyAsync(w => w.StoreId == store.Id && w.DeliveryId == deliveryId, ct))
        {
            db.WebhookInbox.Add(new WebhookInboxEntry
            {
                StoreId = store.Id,
                DeliveryId = deliveryId,
                Topic = topic,
                ResourceId = ResourceId(body),
                Body = System.Text.Encoding.UTF8.GetString(body),
                ReceivedAtUtc = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (Portal.Features.Common.UnitOfWork.IsUniqueViolation(e))
            {
                // The same delivery raced in twice: the unique index kept one, which is all that matters. Any other
                // failure is not answered 200: the store would count the delivery as done (polling then catches up).
            }
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
