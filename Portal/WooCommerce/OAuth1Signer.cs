using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.WooCommerce;

/// <summary>OAuth 1.0a (RFC 5849) as WooCommerce checks it over plain http: one-legged (no token), key =
/// consumer secret + "&amp;", oauth_* parameters in the query string, body not signed.</summary>
internal static class OAuth1Signer
{
    private const int NonceBytes = 16;

    public static IReadOnlyList<KeyValuePair<string, string>> CreateOAuthParameters(
        string consumerKey, WooSignatureMethod method, TimeProvider time)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceBytes));
        return
        [
            new("oauth_consumer_key", consumerKey),
            new("oauth_nonce", nonce),
            new("oauth_signature_method", MethodName(method)),
            new("oauth_timestamp", timestamp),
        ];
    }

    public static string MethodName(WooSignatureMethod method) => method switch
    {
        WooSignatureMethod.HmacSha1 => "HMAC-SHA1",
        _ => "HMAC-SHA256",
    };

    /// <summary>RFC 5849 §3.4.1: method, base string URI and the normalized, decoded request parameters.</summary>
    public static string BuildBaseString(string httpMethod, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = parameters
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        return string.Join('&',
            httpMethod.ToUpperInvariant(),
            Encode(BaseStringUri(url)),
            Encode(string.Join('&', normalized)));
    }

    /// <summary>RFC 5849 §3.4.1.2: scheme and host lower case, default port left out, no query or fragment.</summary>
    public static string BaseStringUri(Uri url)
    {
        var scheme = url.Scheme.ToLowerInvariant();
        var host = url.Host.ToLowerInvariant();
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return $"{scheme}://{host}{port}{url.AbsolutePath}";
    }

    public static string Sign(string baseString, string consumerSecret, string tokenSecret, WooSignatureMethod method)
    {
        var key = Encoding.UTF8.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
        var data = Encoding.UTF8.GetBytes(baseString);
        var hash = method == WooSignatureMethod.HmacSha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
        return Convert.ToBase64String(hash);
    }

    /// <summary>RFC 3986 percent-encoding: everything but unreserved characters, upper-case hex.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);
}
