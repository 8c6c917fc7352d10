using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;

namespace Portal.Identity;

/// <summary>
/// Creates or replaces a user's authenticator key without renewing the security stamp. Identity's
/// <c>ResetAuthenticatorKeyAsync</c> renews it, which signs the user out of every other session: a key that is not
/// verified yet changes how nobody signs in. The stamp changes when two-factor sign-in is turned on or off.
/// </summary>
public static class AuthenticatorKeys
{
    public static async Task<IdentityResult> ReplaceAsync(UserManager<PortalUser> users, IUserStore<PortalUser> store, PortalUser user)
    {
        if (store is not IUserAuthenticatorKeyStore<PortalUser> keys)
        {
            throw new NotSupportedException("The user store keeps no authenticator keys.");
        }

        await keys.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
        return await users.UpdateAsync(user);
    }
}
