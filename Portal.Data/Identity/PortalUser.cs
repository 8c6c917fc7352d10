using Microsoft.AspNetCore.Identity;
using Portal.Domain.Organizations;

namespace Portal.Data.Identity;

/// <summary>
/// A person who signs in. A user of an organization has an <see cref="OrganizationId"/> and permissions; support
/// staff belong to no organization and can only read integration logs.
/// </summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>Null only for support staff.</summary>
    public int? OrganizationId { get; set; }

    public Permissions Permissions { get; set; }

    public bool IsOwner { get; set; }

    public bool IsSupport { get; set; }

    /// <summary>Set for a temporary password given by an owner or the command line; cleared when the user sets their own.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
