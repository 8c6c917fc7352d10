using System.Text;
using Flurl.Http;

namespace Portal.WooCommerce;

/// <summary>Puts the store's credentials on a request in the chosen scheme. OAuth signatures are made twice
/// when a request is retried: once when the request is built and again before every further attempt, because
/// the store remembers nonces and would refuse the retry.</summary>
internal sealed class WooAuthenticator(WooStoreConnection connection, TimeProvider time)
{
    public static readonly HttpRequestOptionsKey<WooAuthMode> ModeKey = new("woo.auth-mode");

    public void Apply(IFlurlRequest request, HttpMethod method, WooAuthMode mode)
    {
        switch (mode)
        {
            case WooAuthMode.Basic:
                request.WithBasicAuth(connection.ConsumerKey, connection.ConsumerSecret);
                break;
            case WooAuthMode.QueryString:
                request.SetQueryParam("consumer_key", connection.ConsumerKey);
                request.SetQueryParam("consumer_secret", connection.ConsumerSecret);
                break;
            case WooAuthMode.OAuth1:
                request.Url = new Flurl.Url(SignOAuth(method, request.Url.ToUri()).AbsoluteUri);
                break;
        }
    }

    /// <summary>The URL with fresh oauth_* parameters and signature; any previous ones are replaced.</summary>
    public Uri SignOAuth(HttpMethod method, Uri url)
    {
        var kept = ParseQuery(url.Query).Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).ToList();
        var oauth = OAuth1Signer.CreateOAuthParameters(connection.ConsumerKey, connection.SignatureMethod, time);
        var baseString = OAuth1Signer.BuildBaseString(method.Method, url, kept.Concat(oauth));
        var signature = OAuth1Signer.Sign(baseString, connection.ConsumerSecret, "", connection.SignatureMethod);

        var query = new StringBuilder();
        foreach (var (key, value) in kept.Concat(oauth).Append(new("oauth_signature", signature)))
        {
            query.Append(query.Length == 0 ? '?' : '&')
                .Append(OAuth1Signer.Encode(key)).Append('=').Append(OAuth1Signer.Encode(value));
        }
        return new UriBuilder(url) { Query = query.ToString().TrimStart('?') }.Uri;
    }

    internal static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            yield return new(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "");
        }
    }

    // Form encoding writes a space as '+'; the store decodes it so, and signs the decoded value.
    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
