namespace Portal.Features.Integrations;

/// <summary>A store address as the merchant typed it, checked and reduced to the form that identifies the store.</summary>
public static class StoreUrl
{
    /// <summary>
    /// The site URL to talk to (scheme kept, trailing slash removed) and its identity: lower-case host without
    /// <c>www.</c>, port when not the default, path without trailing slash. http and https of one site are one store.
    /// </summary>
    public static bool TryNormalize(string? input, out Uri site, out string normalized, out string error)
    {
        site = null!;
        normalized = "";
        error = "";
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "Enter the store's address, e.g. https://shop.example.com.";
            return false;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{input}' is not a web address. Enter the store's address, e.g. https://shop.example.com.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "Enter only the store's address, without a query, fragment or user name.";
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        site = new Uri($"{uri.Scheme}://{uri.Authority}{path}");
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        normalized = host + (uri.IsDefaultPort ? "" : ":" + uri.Port) + path.ToLowerInvariant();
        return true;
    }

    /// <summary>WooCommerce's REST key list, where the merchant revokes the portal's key.</summary>
    public static string KeysPage(string siteUrl) =>
        siteUrl.TrimEnd('/') + "/wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys";
}
