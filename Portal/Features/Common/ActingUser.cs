using Portal.Data.Tenancy;
using Portal.Domain.Organizations;

namespace Portal.Features.Common;

/// <summary>
/// The permissions of the signed-in user a tenant context acts for. A handler that changes data checks them, so a
/// Read-only user is refused even when a page forgets to hide a button. Jobs and commands act for the organization
/// itself (<see cref="FixedTenant"/>, which does not implement this) and are not limited.
/// </summary>
public interface IActingUser
{
    Permissions Permissions { get; }
}

public static class ActingUserChecks
{
    /// <summary>Whether the tenant may do work that needs one of <paramref name="required"/> (pages use it to hide actions).</summary>
    public static bool May(ITenantContext tenant, Permissions required) =>
        tenant is not IActingUser user || (user.Permissions & required) != 0;

    /// <summary>Null when the tenant may do work that needs one of <paramref name="required"/>; otherwise the refusal.</summary>
    public static OperationResult? Refusal(ITenantContext tenant, Permissions required, string work) =>
        May(tenant, required)
            ? null
            : OperationResult.Fail((required & ~Permissions.Administrator) == Permissions.None
                ? $"You can view {work} but not change them: only administrators can."
                : $"You can view {work} but not change them: ask an administrator for the {PermissionNames.Describe(required & ~Permissions.Administrator)} permission.");
}
