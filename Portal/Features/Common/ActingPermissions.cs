using Portal.Data.Tenancy;
using Portal.Domain.Organizations;

namespace Portal.Features.Common;

/// <summary>
/// A tenant that is a signed-in user, with what that user may do. Handlers are singletons shared by pages and jobs,
/// so the user's permissions travel with the tenant: a job's <see cref="FixedTenant"/> acts for the organization
/// itself and is never refused, a page's tenant is the user and is checked.
/// </summary>
public interface IUserTenant : ITenantContext
{
    Permissions Permissions { get; }
}

public static class ActingPermissions
{
    /// <summary>
    /// Null when the tenant may do work that needs <paramref name="required"/> (administrators may do everything),
    /// otherwise the message to show.
    /// </summary>
    public static string? Refusal(ITenantContext tenant, Permissions required)
    {
        if (required == Permissions.None || tenant is not IUserTenant user)
        {
            return null;
        }

        return (user.Permissions & (required | Permissions.Administrator)) != 0
            ? null
            : $"You can see this but not change it: it needs the {PermissionNames.Describe(required)} permission.";
    }
}
