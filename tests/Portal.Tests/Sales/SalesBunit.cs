using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Tests.Components;
using Portal.Tests.Inventory;

namespace Portal.Tests.Sales;

/// <summary>
/// bUnit with MudBlazor over a real migrated SQLite file and its seed: the sales pages get their contexts and
/// handlers from it, acting as a signed-in user with the given permissions.
/// </summary>
public sealed class SalesBunit : IAsyncDisposable
{
    private SalesBunit(InventoryDatabase database, InventorySeed seed)
    {
        Database = database;
        Seed = seed;
    }

    public BunitHost Host { get; } = new();
    public InventoryDatabase Database { get; }
    public InventorySeed Seed { get; }

    public static async Task<SalesBunit> CreateAsync()
    {
        var database = await InventoryDatabase.CreateAsync();
        return new SalesBunit(database, await InventorySeed.CreateAsync(database));
    }

    /// <summary>Registers the page services for a user of the seed's organization with these permissions.</summary>
    public UserTenant ActAs(Permissions permissions)
    {
        var tenant = new UserTenant(Seed.Org, permissions);
        var services = Host.Context.Services;
        services.AddSingleton<ITenantContext>(tenant);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(new TenantContextFactory(Database, tenant));
        services.AddSingleton(Database.Sales);
        services.AddSingleton<TimeProvider>(Database.Clock);
        return tenant;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A signed-in user of the organization, as the portal's circuit tenant is.</summary>
    public sealed record UserTenant(int Organization, Permissions Permissions) : ITenantContext, IActingUser
    {
        public TenantAccess Access => TenantAccess.Organization;

        public int? OrganizationId => Organization;
    }
}
