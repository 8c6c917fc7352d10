using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;

namespace Portal.Features.Integrations;

/// <summary>
/// Connects a WooCommerce store, by classic keys or by WooCommerce's app authorization (this starts it; the store's
/// callback and the merchant's return finish it). A store is saved only when every check passed and its webhooks
/// were registered.
/// </summary>
public sealed class ConnectStore(
    IPortalDbContextFactory dbFactory,
    StoreRegistration registration,
    StoreWebhooks webhooks,
    TimeProvider clock)
{
    public static readonly TimeSpan AuthorizationLifetime = TimeSpan.FromMinutes(15);

    public bool HasPublicUrl => webhooks.HasPublicUrl;

    public bool PublicUrlIsHttps => webhooks.PublicUrlIsHttps;

    public async Task<ConnectResult> ConnectClassicAsync(ITenantContext tenant, string? name, string? url, string? consumerKey,
        string? consumerSecret, bool acceptCurrencyDifference, CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return ConnectResult.Fail(ConnectFailure.NotPermitted, refusal);
        }

        if (StoreChecks.Input(webhooks.PublicUrl, name, url, out var site, out _) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(consumerKey) || string.IsNullOrWhiteSpace(consumerSecret))
        {
            return ConnectResult.Fail(ConnectFailure.InvalidInput, "Enter the consumer key and the consumer secret created in WooCommerce.");
        }

        return await registration.VerifyAndSaveAsync(StoreChecks.OrganizationOf(tenant), new StoreRegistration.NewStore(name!.Trim(),
            site.ToString().TrimEnd('/'), StoreConnectionMethod.Classic, consumerKey.Trim(), consumerSecret.Trim(), null), acceptCurrencyDifference, ct);
    }

    /// <summary>Where to send the merchant to approve the portal's key in WooCommerce, or why not.</summary>
    public async Task<AuthorizationStart> StartAppAuthorizationAsync(ITenantContext tenant, string userId, string? name, string? url,
        CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return new AuthorizationStart(null, ConnectResult.Fail(ConnectFailure.NotPermitted, refusal));
        }

        if (StoreChecks.Input(webhooks.PublicUrl, name, url, out var site, out var normalized) is { } invalid)
        {
            return new AuthorizationStart(null, invalid);
        }

        await using var db = dbFactory.CreateForOrganization(StoreChecks.OrganizationOf(tenant));
        // Another organization's store is refused only after the store gave the key (when it is verified).
        if (await StoreChecks.AlreadyConnectedAsync(db, normalized, null, credentialsChecked: false, ct) is { } taken)
        {
            return new AuthorizationStart(null, taken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new PendingStoreAuthorization
        {
            State = StoreChecks.RandomToken(24),
            StoreName = name!.Trim(),
            Url = site.ToString().TrimEnd('/'),
            NormalizedUrl = normalized,
            CreatedByUserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + AuthorizationLifetime,
        };
        // Abandoned attempts of this organization are cleared here rather than by a job.
        await db.PendingStoreAuthorizations.Where(p => p.ExpiresAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        db.PendingStoreAuthorizations.Add(pending);
        await db.SaveChangesAsync(ct);

        var query = new Dictionary<string, string?>
        {
            ["app_name"] = StoreWebhooks.AppName,
            ["scope"] = "read_write",
            ["user_id"] = pending.State,
            ["return_url"] = webhooks.PublicUrl + StorePaths.ReturnPath,
            ["callback_url"] = webhooks.PublicUrl + StorePaths.CallbackPath,
        };
        return new AuthorizationStart(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(pending.Url + "/wc-auth/v1/authorize", query), null);
    }
}
