using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Data.Tenancy;
using Portal.Domain.Organizations;
using Portal.Features.Common;
using Portal.Identity;

namespace Portal.Tenancy;

/// <summary>
/// The tenant of a request or a Blazor circuit: the signed-in user's organization. Support staff have none here;
/// their read-only views create contexts for the organization they open, through <c>IPortalDbContextFactory</c>,
/// and record an audit row when they do.
/// </summary>
public sealed class UserTenantContext(IHttpContextAccessor httpContextAccessor, IServiceProvider services) : ITenantContext, IActingUser
{
    private ITenantContext? _resolved;

    public TenantAccess Access => Resolve().Access;

    public int? OrganizationId => Resolve().OrganizationId;

    /// <summary>Read at each call: an administrator may change them while the circuit lives (re-validated sign-in).</summary>
    public Permissions Permissions => CurrentUser()?.GetPermissions() ?? Permissions.None;

    private ITenantContext Resolve()
    {
        if (_resolved is not null)
        {
            return _resolved;
        }

        var tenant = FromUser(CurrentUser());
        // "No organization" is not remembered: the authentication state of a circuit may not be ready yet.
        if (tenant.Access != TenantAccess.None)
        {
            _resolved = tenant;
        }

        return tenant;
    }

    private ClaimsPrincipal? CurrentUser()
    {
        // A request (static pages, endpoints) has an HttpContext; a circuit has an authentication state instead.
        if (httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } requestUser)
        {
            return requestUser;
        }

        var provider = services.GetService<AuthenticationStateProvider>();
        if (provider is null)
        {
            return null;
        }

        try
        {
            var state = provider.GetAuthenticationStateAsync();
            return state.IsCompletedSuccessfully ? state.Result.User : null;
        }
        catch (InvalidOperationException)
        {
            // The provider has no state outside a circuit or a rendered page (e.g. a minimal API endpoint).
            return null;
        }
    }

    private static ITenantContext FromUser(ClaimsPrincipal? user) =>
        user?.GetOrganizationId() is { } organizationId ? FixedTenant.For(organizationId) : FixedTenant.None;
}
