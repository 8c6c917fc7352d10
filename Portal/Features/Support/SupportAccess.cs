using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Identity;

namespace Portal.Features.Support;

public sealed record OrganizationSummary(int Id, string Name, string BaseCurrency, string TimeZoneId, DateTime CreatedAtUtc);

/// <summary>
/// Support staff's only way into an organization's data: it records who opened what and when, then hands out a
/// context that can read that organization and can write nothing (the SaveChanges guard refuses).
/// </summary>
public sealed class SupportAccess(IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        RequireSupport(user);
        await using var db = dbFactory.Create(FixedTenant.None);
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.BaseCurrency, o.TimeZoneId, o.CreatedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>Records the audit row first: if it cannot be written, nothing is shown.</summary>
    public async Task<PortalDbContext> OpenAsync(ClaimsPrincipal user, int organizationId, string what, CancellationToken ct = default)
    {
        RequireSupport(user);
        await using (var audit = dbFactory.Create(FixedTenant.None))
        {
            if (!await audit.Organizations.AnyAsync(o => o.Id == organizationId, ct))
            {
                throw new KeyNotFoundException($"Organization {organizationId} does not exist.");
            }

            audit.SupportAudit.Add(new SupportAuditEntry
            {
                SupportUserId = user.FindFirstValue(ClaimTypes.NameIdentifier)!,
                SupportEmail = user.Identity?.Name ?? "",
                OrganizationId = organizationId,
                What = what,
                AtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await audit.SaveChangesAsync(ct);
        }

        return dbFactory.Create(FixedTenant.SupportReading(organizationId));
    }

    private static void RequireSupport(ClaimsPrincipal user)
    {
        if (!user.IsSupport())
        {
            throw new UnauthorizedAccessException("Only support staff can open other organizations' data.");
        }
    }
}
