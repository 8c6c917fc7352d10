using Microsoft.EntityFrameworkCore;
using Portal.Data.Tenancy;

namespace Portal.Data;

/// <summary>
/// Creates contexts for a tenant named explicitly: background jobs, commands and support's read-only views say which
/// organization they act for instead of inheriting one from a user.
/// </summary>
public interface IPortalDbContextFactory
{
    PortalDbContext Create(ITenantContext tenant);

    PortalDbContext CreateForOrganization(int organizationId) => Create(FixedTenant.For(organizationId));
}

internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IPortalDbContextFactory
    where TContext : PortalDbContext
{
    public PortalDbContext Create(ITenantContext tenant)
    {
        var db = inner.CreateDbContext();
        db.Tenant = tenant;
        return db;
    }
}

/// <summary>Creates contexts bound to the scope's tenant. Scoped: a Blazor circuit, a request or a job run.</summary>
internal sealed class TenantDbContextFactory(IPortalDbContextFactory factory, ITenantContext tenant) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => factory.Create(tenant);
}
