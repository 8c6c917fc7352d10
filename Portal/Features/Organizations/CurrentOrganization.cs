using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;

namespace Portal.Features.Organizations;

/// <summary>The signed-in user's organization, loaded once per circuit or request.</summary>
public sealed class CurrentOrganization(ITenantContext tenant, IPortalDbContextFactory dbFactory)
{
    private Organization? _organization;

    public async Task<Organization?> GetAsync(CancellationToken ct = default)
    {
        if (_organization is not null || tenant.OrganizationId is not { } id)
        {
            return _organization;
        }

        await using var db = dbFactory.Create(tenant);
        _organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return _organization;
    }
}
