using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Integrations;

namespace Portal.Features.Integrations;

/// <summary>
/// The merchant's own time zone for the store (consolidation times and order dates), when the store's setting is
/// wrong or a bare offset. An IANA name or a <c>UTC±hh:mm</c> offset (<see cref="StoreTimeZone"/>); it stays until
/// the merchant changes it again.
/// </summary>
public sealed class SetStoreTimeZone(IPortalDbContextFactory dbFactory)
{
    /// <summary>Null when saved; otherwise why not.</summary>
    public async Task<string?> SetTimeZoneAsync(ITenantContext tenant, int storeId, string? timeZone, CancellationToken ct = default)
    {
        if (StoreChecks.Refusal(tenant) is { } refusal)
        {
            return refusal;
        }

        if (!StoreTimeZone.TryParse(timeZone, out var zone, out var error))
        {
            return error;
        }

        var value = zone.Id;
        await using var db = dbFactory.CreateForOrganization(StoreChecks.OrganizationOf(tenant));
        var changed = await db.Stores.Where(s => s.Id == storeId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.TimeZone, value).SetProperty(s => s.TimeZoneOverridden, true), ct);
        return changed == 1 ? null : "This store does not exist in your organization.";
    }
}
