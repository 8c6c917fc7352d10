using Microsoft.AspNetCore.Authorization;

namespace Portal.Hosting;

/// <summary>
/// Every page and endpoint needs a signed-in user (the fallback policy) unless it is listed here or says
/// <c>AllowAnonymous</c> where it is mapped (health, the webhook receiver, the app-authorization callback). One list, so
/// a reviewer sees every door that opens without signing in; <c>/setup</c> has its own policy (open until the first
/// user exists).
/// </summary>
public static class AnonymousEndpoints
{
    /// <summary>The pages a person must reach before signing in, and the error pages.</summary>
    public static readonly IReadOnlySet<string> Pages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Login",
        "/Account/LoginWith2fa",
        "/Account/LoginWithRecoveryCode",
        "/Account/Lockout",
        "/Account/AccessDenied",
        "/Account/InvalidUser",
        "/Error",
        "/not-found",
    };

    /// <summary>A convention for the Razor component endpoints: the listed pages, and Blazor's own framework files
    /// (scripts the sign-in page loads), are anonymous.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } raw }
            && (Pages.Contains("/" + raw.TrimStart('/')) || raw.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal)))
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
        }
    }

    /// <summary>Everything not opted out needs a signed-in user.</summary>
    public static AuthorizationPolicy Fallback { get; } = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
