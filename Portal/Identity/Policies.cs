using Microsoft.AspNetCore.Authorization;
using Portal.Domain.Organizations;

namespace Portal.Identity;

/// <summary>Authorization policies, one per kind of work. Administrators pass every organization policy.</summary>
public static class Policies
{
    /// <summary>Any user of an organization, read-only included.</summary>
    public const string OrganizationMember = nameof(OrganizationMember);
    public const string Administrator = nameof(Administrator);
    public const string Integration = nameof(Integration);
    public const string Sales = nameof(Sales);
    public const string Support = nameof(Support);

    /// <summary>The first-run setup page: open to anyone until the first user exists, then to signed-in users only.</summary>
    public const string FirstRun = nameof(FirstRun);

    public static void AddPortalPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(OrganizationMember, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.GetOrganizationId() is not null));
        options.AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Permissions.Administrator)));
        options.AddPolicy(Integration, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.Has(Permissions.Administrator | Permissions.IntegrationWooCommerce)));
        options.AddPolicy(Sales, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Permissions.Administrator | Permissions.Sales)));
        options.AddPolicy(Support, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsSupport()));
        options.AddPolicy(FirstRun, p => p.AddRequirements(new Features.Setup.SetupOpenRequirement()));
    }
}
