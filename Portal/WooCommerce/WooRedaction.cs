using System.Text;
using System.Text.RegularExpressions;

namespace Portal.WooCommerce;

/// <summary>Keeps credentials out of exceptions, logs and the call recorder.</summary>
internal static partial class WooRedaction
{
    private const int ExcerptLength = 200;

    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "consumer_key", "consumer_secret", "oauth_consumer_key", "oauth_signature", "oauth_nonce",
        "oauth_timestamp", "oauth_signature_method", "oauth_token", "oauth_version",
    };

    /// <summary>Path and query of <paramref name="url"/> with every credential parameter left out.</summary>
    public static string PathAndQuery(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
            return url.AbsolutePath;
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !SecretParameters.Contains(Uri.UnescapeDataString(p.Split('=', 2)[0])));
        var rest = string.Join('&', kept);
        return rest.Length == 0 ? url.AbsolutePath : url.AbsolutePath + "?" + rest;
    }

    /// <summary>A short, single-line excerpt of an unexpected body with the store's credentials blanked out (a
    /// firewall page may echo the request line).</summary>
    public static string Excerpt(string? body, WooStoreConnection connection)
    {
        if (string.IsNullOrEmpty(body))
            return "";
        var text = Whitespace().Replace(body, " ").Trim();
        if (text.Length > ExcerptLength * 4)
            text = text[..(ExcerptLength * 4)];
        foreach (var secret in SecretsOf(connection))
            text = text.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
        text = CredentialParameter().Replace(text, "$1=***");
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }

    private static IEnumerable<string> SecretsOf(WooStoreConnection connection)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.ConsumerKey}:{connection.ConsumerSecret}"));
        return new[]
        {
            connection.ConsumerSecret, Uri.EscapeDataString(connection.ConsumerSecret),
            connection.ConsumerKey, Uri.EscapeDataString(connection.ConsumerKey), basic,
        }.Distinct().OrderByDescending(s => s.Length);
    }

    // Also blanks values that are not this store's: a proxy might echo anything.
    [GeneratedRegex(@"(consumer_key|consumer_secret|oauth_signature|oauth_consumer_key)=[^&\s""'<]*", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialParameter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
