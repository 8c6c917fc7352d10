namespace Portal.Domain.Organizations;

/// <summary>
/// Marks a row of merchant data. Every such row belongs to exactly one organization (tenant); Portal.Data applies a
/// global query filter and a SaveChanges guard to every entity type that implements this, so isolation is enforced
/// in one place and cannot be forgotten by a feature.
/// </summary>
public interface IOrganizationOwned
{
    int OrganizationId { get; set; }
}
