using System.Globalization;
using System.Security.Claims;
using Portal.Domain.Organizations;

namespace Portal.Identity;

/// <summary>The claims the portal adds to the cookie, and how to read them back.</summary>
public static class PortalClaims
{
    public const string OrganizationId = "portal:org";
    public const string Permissions = "portal:perm";
    public const string Support = "portal:support";
    public const string TemporaryPassword = "portal:temporary-password";

    public static int? GetOrganizationId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OrganizationId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Domain.Organizations.Permissions GetPermissions(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Permissions), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? (Domain.Organizations.Permissions)p
            : Domain.Organizations.Permissions.None;

    public static bool IsSupport(this ClaimsPrincipal user) => user.HasClaim(Support, "true");

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(TemporaryPassword, "true");

    public static bool Has(this ClaimsPrincipal user, Domain.Organizations.Permissions permission) =>
        user.GetOrganizationId() is not null && (user.GetPermissions() & permission) != 0;
}
