using System.Security.Cryptography;
using System.Text;

namespace WooCommerce.Emulator.Tests.Support;

/// <summary>
/// An OAuth 1.0a one-legged signer written for the tests from RFC 5849 §3.4, independent of the emulator's verifier,
/// so that a test passing means two separate implementations agree.
/// </summary>
public static class OAuth1
{
    public static string Percent(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Returns the query string (without '?') for <paramref name="url"/>'s query plus signed oauth_* parameters.</summary>
    public static string SignedQuery(string method, string url, string consumerKey, string consumerSecret, string signatureMethod = "HMAC-SHA256",
        long? timestamp = null, string? nonce = null, Func<IList<KeyValuePair<string, string>>, IList<KeyValuePair<string, string>>>? tamper = null)
    {
        var uri = new Uri(url);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var k = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var v = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            pairs.Add(new(k, v));
        }
        pairs.Add(new("oauth_consumer_key", consumerKey));
        pairs.Add(new("oauth_timestamp", (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        pairs.Add(new("oauth_nonce", nonce ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
        pairs.Add(new("oauth_signature_method", signatureMethod));
        var normalized = string.Join("&", pairs.Select(p => (Percent(p.Key), Percent(p.Value))).OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).Select(p => p.Item1 + "=" + p.Item2));
        var baseUrl = $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
        var baseString = $"{method.ToUpperInvariant()}&{Percent(baseUrl)}&{Percent(normalized)}";
        var key = Encoding.UTF8.GetBytes(Percent(consumerSecret) + "&");
        var hash = signatureMethod == "HMAC-SHA1" ? HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)) : HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(baseString));
        pairs.Add(new("oauth_signature", Convert.ToBase64String(hash)));
        if (tamper is not null) pairs = [.. tamper(pairs)];
        return string.Join("&", pairs.Select(p => Percent(p.Key) + "=" + Percent(p.Value)));
    }
}
