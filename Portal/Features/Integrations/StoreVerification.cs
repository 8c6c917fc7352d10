using Portal.Domain.Integrations;
using Portal.WooCommerce;

namespace Portal.Features.Integrations;

/// <summary>
/// The checks a store passes before it is connected, or before new credentials replace the old ones: a WordPress site
/// with WooCommerce's REST API v3, recent enough, accepting the key, keeping the Authorization header, and selling in
/// the organization's currency unless the merchant accepted another.
/// </summary>
public static class StoreVerification
{
    public sealed record Verified(ConnectResult? Failure, string Currency = "", string TimeZone = "", string WordPressVersion = "", string WooCommerceVersion = "");

    public static async Task<Verified> VerifyAsync(WooClient client, string baseCurrency, bool acceptCurrencyDifference, CancellationToken ct)
    {
        WooSiteIndex index;
        try
        {
            index = await client.GetSiteIndexAsync(ct);
        }
        catch (WooApiException e)
        {
            return new Verified(e.Kind switch
            {
                WooErrorKind.PrivateAddress => ConnectResult.Fail(ConnectFailure.PrivateAddress, e.Message),
                WooErrorKind.Redirected => ConnectResult.Fail(ConnectFailure.Redirected, e.Message),
                _ when e.CertificateError is { } certificate => Untrusted(client, certificate),
                WooErrorKind.Transport or WooErrorKind.Timeout or WooErrorKind.CircuitOpen => ConnectResult.Fail(ConnectFailure.Unreachable,
                    $"The store did not answer at {client.Connection.BaseUrl} ({e.Message}). Check the address and that the site is online."),
                _ => ConnectResult.Fail(ConnectFailure.NotWordPress,
                    $"{client.Connection.BaseUrl} does not look like a WordPress site with its REST API on (/wp-json/ answered {e.StatusCode?.ToString() ?? "nothing"})."),
            });
        }

        if (!index.HasWooCommerceV3)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.NoWooCommerceApi,
                "The site answers but has no WooCommerce REST API v3: install and activate WooCommerce 3.5 or later."));
        }

        string wordPress, wooCommerce, currency;
        try
        {
            var status = await client.GetSystemStatusAsync(ct);
            wordPress = status.Environment?.WpVersion ?? "";
            wooCommerce = status.Environment?.Version ?? "";
            currency = (await client.GetCurrentCurrencyAsync(ct)).Code ?? "";
        }
        catch (WooApiException e) when (e.Kind is WooErrorKind.BadCredentials or WooErrorKind.MissingPermission)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.BadCredentials,
                "The store refused the consumer key and secret: check that both were copied completely and that the key was not revoked."));
        }
        catch (WooApiException e) when (e.Kind == WooErrorKind.AuthorizationHeaderStripped)
        {
            return new Verified(StrippedHeader());
        }
        catch (WooApiException e)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.Unreachable, $"The store could not be read: {e.Message}"));
        }

        if (client.AuthorizationHeaderStripped)
        {
            return new Verified(StrippedHeader());
        }

        if (!VersionAtLeast(wordPress, 4, 4) || !VersionAtLeast(wooCommerce, 3, 5))
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.VersionTooOld,
                $"The store runs WordPress {Show(wordPress)} and WooCommerce {Show(wooCommerce)}; the portal needs WordPress 4.4 and WooCommerce {MinimumWooCommerce} or later."));
        }

        // Orders are polled with modified_after, which WooCommerce's REST API has since 5.8.0 (changelog: "Add -
        // modified_before and modified_after filtering parameters to REST API for products, orders and coupons. #30585").
        if (!VersionAtLeast(wooCommerce, 5, 8))
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.VersionTooOld,
                $"The store runs WooCommerce {Show(wooCommerce)}; the portal needs WooCommerce {MinimumWooCommerce} or later, whose REST API can list the orders changed since a date (modified_after). Update WooCommerce, then connect again."));
        }

        if (!string.Equals(currency, baseCurrency, StringComparison.OrdinalIgnoreCase) && !acceptCurrencyDifference)
        {
            return new Verified(ConnectResult.Fail(ConnectFailure.CurrencyMismatch,
                $"The store sells in {Show(currency)} but the organization's base currency is {baseCurrency}. Sales would be recorded in {Show(currency)}; confirm to connect anyway.",
                currency));
        }

        return new Verified(null, currency.ToUpperInvariant(), TimeZoneOf(index), wordPress, wooCommerce);
    }

    /// <summary>The message for a store whose https certificate the portal's machine does not trust.</summary>
    public static ConnectResult Untrusted(WooClient client, string certificateError) => ConnectResult.Fail(ConnectFailure.UntrustedCertificate,
        $"The store's certificate is not trusted: {certificateError}. The store at {client.Connection.BaseUrl} answered, but the portal "
        + "cannot check who it is. Give the store a certificate from a public authority, or add the authority that issued it to the "
        + "trusted certificates of the portal's machine (the system store, or SSL_CERT_FILE), then connect again.");

    private static ConnectResult StrippedHeader() => ConnectResult.Fail(ConnectFailure.AuthorizationHeaderStripped,
        "The store's web server removes the Authorization header, so the keys would have to travel in every URL (and its logs). "
        + "Ask the host to pass the header on (Apache: 'CGIPassAuth On' or a SetEnvIf rule), then connect again.");

    private static string Show(string value) => value.Length == 0 ? "(unknown)" : value;

    /// <summary>The first WooCommerce with the <c>modified_after</c> filter on orders, which polling needs.</summary>
    public const string MinimumWooCommerce = "5.8";

    public static bool VersionAtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.', '-');
        if (parts.Length == 0 || !int.TryParse(parts[0], out var actualMajor))
        {
            return false;
        }

        var actualMinor = parts.Length > 1 && int.TryParse(parts[1], out var m) ? m : 0;
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }

    /// <summary>The IANA zone when the site has one, else its fixed offset as <c>UTC+05:30</c>.</summary>
    public static string TimeZoneOf(WooSiteIndex index)
    {
        if (!string.IsNullOrWhiteSpace(index.TimezoneString))
        {
            return index.TimezoneString;
        }

        // WordPress offers −12 to +14 hours; anything else is a broken site, read as UTC until the merchant sets the zone.
        return index.GmtOffset is { } hours && Math.Abs(hours) <= 14 ? StoreTimeZone.FromGmtOffset(hours).Id : StoreTimeZone.Utc.Id;
    }
}
