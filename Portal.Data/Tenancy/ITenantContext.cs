namespace Portal.Data.Tenancy;

public enum TenantAccess
{
    /// <summary>No organization: owned rows are invisible and cannot be written.</summary>
    None,

    /// <summary>A user of the organization, or a job that names it.</summary>
    Organization,

    /// <summary>Support staff looking at one organization: rows are visible, nothing can be written.</summary>
    SupportReadOnly,
}

/// <summary>
/// Which organization the current unit of work acts for. The one source that both the global query filter and the
/// SaveChanges guard read, so isolation is decided in one place.
/// </summary>
public interface ITenantContext
{
    TenantAccess Access { get; }

    int? OrganizationId { get; }
}

/// <summary>A fixed tenant, for jobs and commands that name their organization explicitly.</summary>
public sealed record FixedTenant(TenantAccess Access, int? OrganizationId) : ITenantContext
{
    public static readonly FixedTenant None = new(TenantAccess.None, null);

    public static FixedTenant For(int organizationId) => new(TenantAccess.Organization, organizationId);

    public static FixedTenant SupportReading(int organizationId) => new(TenantAccess.SupportReadOnly, organizationId);
}
