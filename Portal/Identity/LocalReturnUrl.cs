namespace Portal.Identity;

/// <summary>
/// Whether a return URL a request carries (sign-in, sign-out) is a path of this portal. Anything else leads home, so a
/// link can never send a user elsewhere after signing in or out.
/// </summary>
public static class LocalReturnUrl
{
    public const string Home = "/";

    /// <summary>
    /// A path from the root of this site: starts with one "/" and is not "//host" or "/\host" (browsers read both
    /// as another host), with no control characters. The rule of ASP.NET Core's <c>IsLocalUrl</c>, without "~/".
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is ['/'] || (url is ['/', not ('/' or '\\'), ..] && !url.Any(char.IsControl));

    public static string OrHome(string? url) => IsLocal(url) ? url! : Home;
}
