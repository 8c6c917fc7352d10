using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Tenancy;

namespace Portal.Tests.Components;

/// <summary>What the portal gives a page: contexts of the page's <see cref="IDbContextFactory{PortalDbContext}"/> bound
/// to the signed-in user's tenant.</summary>
public sealed class TenantContextFactory(IPortalDbContextFactory factory, ITenantContext tenant) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => factory.Create(tenant);
}
