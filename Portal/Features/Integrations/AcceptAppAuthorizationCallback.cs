using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// The store's POST with the key it created for the portal. Anonymous (the store calls it): only the one-time state
/// of a pending, unexpired authorization that has no keys yet is accepted.
/// </summary>
public sealed class AcceptAppAuthorizationCallback(IPortalDbContextFactory dbFactory, StoreSecrets secrets, TimeProvider clock)
{
    public async Task<bool> AcceptCallbackAsync(WooAuthCallback callback, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(callback.UserId) || string.IsNullOrWhiteSpace(callback.ConsumerKey) || string.IsNullOrWhiteSpace(callback.ConsumerSecret))
        {
            return false;
        }

        int organizationId;
        await using (var lookup = dbFactory.Create(Portal.Data.Tenancy.FixedTenant.None))
        {
            // The callback names no organization: the one-time state does.
            var found = await lookup.PendingStoreAuthorizations.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.State == callback.UserId).Select(p => (int?)p.OrganizationId).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                return false;
            }

            organizationId = found.Value;
        }

        await using var db = dbFactory.CreateForOrganization(organizationId);
        var pending = await db.PendingStoreAuthorizations.SingleAsync(p => p.State == callback.UserId, ct);
        if (pending.ExpiresAtUtc < clock.GetUtcNow().UtcDateTime || pending.KeysReceivedAtUtc is not null)
        {
            return false;
        }

        pending.ProtectedConsumerKey = secrets.Protect(callback.ConsumerKey);
        pending.ProtectedConsumerSecret = secrets.Protect(callback.ConsumerSecret);
        pending.KeyPermission = callback.KeyPermissions ?? "";
        pending.KeysReceivedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
