using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Identity;

namespace Portal.Identity;

public sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } organizationId)
        {
            identity.AddClaim(new Claim(PortalClaims.OrganizationId, organizationId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(PortalClaims.Permissions, ((int)user.Permissions).ToString(CultureInfo.InvariantCulture)));
        }

        if (user.IsSupport)
        {
            identity.AddClaim(new Claim(PortalClaims.Support, "true"));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.TemporaryPassword, "true"));
        }

        return identity;
    }
}
