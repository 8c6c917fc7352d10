using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>The merchant is back from the store after an app authorization: the store connected, or the precise reason not.</summary>
public sealed class FinishAppAuthorization(
    IPortalDbContextFactory dbFactory,
    StoreRegistration registration,
    StoreSecrets secrets,
    StoreWebhooks webhooks,
    TimeProvider clock)
{
    public async Task<ConnectResult> CompleteAppAuthorizationAsync(ITenantContext tenant, string? success, string? state,
        bool acceptCurrencyDifference, CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return ConnectResult.Fail(ConnectFailure.NotPermitted, refusal);
        }

        var organizationId = StoreChecks.OrganizationOf(tenant);
        await using var db = dbFactory.CreateForOrganization(organizationId);
        var pending = string.IsNullOrEmpty(state) ? null
            : await db.PendingStoreAuthorizations.SingleOrDefaultAsync(p => p.State == state, ct);
        if (pending is null)
        {
            return ConnectResult.Fail(ConnectFailure.StateMismatch,
                "This answer from the store does not belong to an authorization started in this organization (it was already used, or the link was altered). Start the connection again.");
        }

        if (await UnusableAsync(db, pending, success, ct) is { } unusable)
        {
            return unusable;
        }

        var consumerKey = secrets.Unprotect(pending.ProtectedConsumerKey!);
        var result = await registration.VerifyAndSaveAsync(organizationId, new StoreRegistration.NewStore(pending.StoreName, pending.Url,
            StoreConnectionMethod.AppAuthorization, consumerKey, secrets.Unprotect(pending.ProtectedConsumerSecret!),
            "read_write"), acceptCurrencyDifference, ct);
        if (result.Failure == ConnectFailure.CurrencyMismatch)
        {
            return result;
        }

        // Kept only while the merchant decides about the currency; any other outcome is final.
        db.PendingStoreAuthorizations.Remove(pending);
        await db.SaveChangesAsync(ct);

        // WooCommerce created the key when the merchant approved; a store that is not kept leaves it behind.
        return result.Succeeded ? result : result with
        {
            Message = $"{result.Message} WooCommerce already created the key {ConnectedStore.Hint(consumerKey)} for the portal: revoke it in "
                + $"WooCommerce → Settings → Advanced → REST API ({StoreUrl.KeysPage(pending.Url)}).",
        };
    }

    /// <summary>Why the authorization cannot give a store (denied, expired, keys never came, a read-only key); null when it can.</summary>
    private async Task<ConnectResult?> UnusableAsync(PortalDbContext db, PendingStoreAuthorization pending, string? success, CancellationToken ct)
    {
        ConnectResult? final;
        if (success != "1")
        {
            final = ConnectResult.Fail(ConnectFailure.Denied,
                "Access was denied in WooCommerce, so the portal received no key. Start again and choose Approve.");
        }
        else if (pending.KeysReceivedAtUtc is null)
        {
            if (pending.ExpiresAtUtc >= clock.GetUtcNow().UtcDateTime)
            {
                return ConnectResult.Fail(ConnectFailure.KeysNeverArrived,
                    "WooCommerce reported success but the keys never reached the portal. The store must be able to reach "
                    + (webhooks.PublicUrl ?? "the portal") + StorePaths.CallbackPath + " over https with a certificate it trusts. Try again, or use the Classic method.");
            }

            final = ConnectResult.Fail(ConnectFailure.Expired,
                $"The authorization expired: it must be approved within {ConnectStore.AuthorizationLifetime.TotalMinutes:0} minutes. Start the connection again.");
        }
        else if (pending.KeyPermission != "read_write")
        {
            final = ConnectResult.Fail(ConnectFailure.KeyNotReadWrite,
                $"The store created a '{pending.KeyPermission}' key; the portal needs read_write. Start again.");
        }
        else
        {
            return null;
        }

        db.PendingStoreAuthorizations.Remove(pending);
        await db.SaveChangesAsync(ct);
        return final;
    }
}
