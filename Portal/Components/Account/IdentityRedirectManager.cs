using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;
using Portal.Identity;

namespace Portal.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>To one of the portal's own pages: a base-relative path ("Account/Lockout") or an absolute URI of this site.</summary>
    public void RedirectTo(string? uri)
    {
        // Callers name the portal's own pages; still, an address elsewhere leads home rather than to an error page.
        var relative = Uri.TryCreate(new Uri(navigationManager.BaseUri), uri ?? "", out var target)
            && target.AbsoluteUri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase)
                ? navigationManager.ToBaseRelativePath(target.AbsoluteUri)
                : null;
        navigationManager.NavigateTo(relative is not null && LocalReturnUrl.IsLocal("/" + relative) ? relative : "");
    }

    /// <summary>To the return URL a request carried; anything but a local path leads home.</summary>
    public void RedirectToReturnUrl(string? returnUrl) => navigationManager.NavigateTo(LocalReturnUrl.OrHome(returnUrl));

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<PortalUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
