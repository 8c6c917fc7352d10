using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Features.Customers;
using Portal.Features.Reference;
using Portal.Features.Stock;

namespace Portal.Tests.Inventory;

/// <summary>Gives pages under bUnit what the portal gives them: tenant-bound contexts on the test database and the handlers.</summary>
public static class PageServices
{
    public static void AddInventoryPages(this IServiceCollection services, InventoryDatabase database, ITenantContext tenant)
    {
        services.AddSingleton(tenant);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(new TenantContexts(database, tenant));
        services.AddSingleton(database.Catalog);
        services.AddSingleton(database.Stock);
        services.AddSingleton(database.Availability);
        services.AddSingleton(new MovementHistory(database));
        var unitOfWork = new UnitOfWork(database);
        services.AddSingleton(new CustomerBook(unitOfWork));
        services.AddSingleton(new ReferenceBookEditor(unitOfWork));
    }

    private sealed class TenantContexts(InventoryDatabase database, ITenantContext tenant) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.Create(tenant);
    }
}

/// <summary>bUnit with MudBlazor over a seeded test database, the inventory pages' services bound to one user.</summary>
public sealed class InventoryPageHost : IAsyncDisposable
{
    private InventoryPageHost(InventoryDatabase database, InventorySeed seed)
    {
        Database = database;
        Seed = seed;
    }

    public Components.BunitHost Bunit { get; } = new();
    public InventoryDatabase Database { get; }
    public InventorySeed Seed { get; }

    public static async Task<InventoryPageHost> CreateAsync(Permissions permissions)
    {
        var database = await InventoryDatabase.CreateAsync();
        var host = new InventoryPageHost(database, await InventorySeed.CreateAsync(database));
        host.Bunit.Context.Services.AddInventoryPages(database, new Sales.SalesBunit.UserTenant(host.Seed.Org, permissions));
        host.Bunit.RenderProviders();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
    }
}
