using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;

namespace Portal.Data.Tests;

internal static class TestData
{
    /// <summary>Adds an organization (not an owned row: written without a tenant) and returns its id.</summary>
    public static async Task<int> CreateOrganizationAsync(this SqliteDatabase database, string name)
    {
        await using var db = database.Open(FixedTenant.None);
        var organization = Organization.Create(name, "USD", "Europe/London", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    public static Task<int> ProductPricesCount(this PortalDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"ProductPrices\"").SingleAsync();
}
