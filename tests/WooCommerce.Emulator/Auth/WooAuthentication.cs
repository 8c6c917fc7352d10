using System.Security.Cryptography;
using System.Text;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Rest;

namespace WooCommerce.Emulator.Auth;

/// <summary>
/// WooCommerce's REST authentication (WC_REST_Authentication), reimplemented independently of the portal: over https
/// HTTP Basic or consumer_key/consumer_secret in the query; over plain http only OAuth 1.0a one-legged signatures.
/// </summary>
public sealed class WooAuthentication(Store store, EmulatorOptions options, TimeProvider clock)
{
    private static readonly string[] RequiredOAuth = ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"];

    /// <returns>The authenticated key, or null for an anonymous request.</returns>
    /// <exception cref="WooException">Credentials were offered but are wrong.</exception>
    public ApiKey? Authenticate(HttpRequest request)
    {
        lock (store.Sync)
        {
            var key = request.IsHttps ? Basic(request) : OAuth(request);
            if (key is null) return null;
            var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
            if (reading && key.Permission == KeyPermission.Write)
                throw WooException.Of("woocommerce_rest_authentication_error", "The API key provided does not have read permissions.", 401);
            if (!reading && key.Permission == KeyPermission.Read)
                throw WooException.Of("woocommerce_rest_authentication_error", "The API key provided does not have write permissions.", 401);
            return key;
        }
    }

    private ApiKey? Basic(HttpRequest request)
    {
        string? ck = null, cs = null;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) (ck, cs) = (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        else if (request.Query.ContainsKey("consumer_key") && request.Query.ContainsKey("consumer_secret"))
        {
            (ck, cs) = (request.Query["consumer_key"].ToString(), request.Query["consumer_secret"].ToString());
        }
        if (ck is null) return null;
        var key = store.Keys.FirstOrDefault(k => k.ConsumerKey == ck);
        if (key is null) return null; // WooCommerce then treats the request as anonymous.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ConsumerSecret), Encoding.UTF8.GetBytes(cs ?? "")))
            throw WooException.Of("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401);
        return key;
    }

    private ApiKey? OAuth(HttpRequest request)
    {
        var parameters = request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
            foreach (var (k, v) in request.Form) parameters.TryAdd(k, v.ToString());
        if (!parameters.Keys.Any(k => k.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)) return null;
            foreach (var part in header[6..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) parameters[Uri.UnescapeDataString(part[..eq])] = Uri.UnescapeDataString(part[(eq + 1)..].Trim('"'));
            }
            parameters.Remove("realm");
        }
        var missing = RequiredOAuth.Where(p => !parameters.ContainsKey(p) || parameters[p].Length == 0).ToList();
        if (missing.Count > 0)
            throw WooException.Of("woocommerce_rest_authentication_missing_parameter", "Missing OAuth parameters " + string.Join(", ", missing), 401);

        var key = store.Keys.FirstOrDefault(k => k.ConsumerKey == parameters["oauth_consumer_key"])
            ?? throw WooException.Of("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401);

        var method = parameters["oauth_signature_method"];
        if (method is not ("HMAC-SHA1" or "HMAC-SHA256"))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid.", 401);
        var provided = parameters["oauth_signature"].Replace(' ', '+');
        var signed = parameters.Where(kv => kv.Key != "oauth_signature").ToDictionary(kv => kv.Key, kv => kv.Value);
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var expected = Signature(request.Method, baseUri, signed, key.ConsumerSecret, method);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided)))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.", 401);

        if (!long.TryParse(parameters["oauth_timestamp"], out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > options.OAuthTimestampWindow.TotalSeconds)
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid timestamp.", 401);
        if (!key.UsedNonces.Add(parameters["oauth_nonce"]))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.", 401);
        return key;
    }

    /// <summary>RFC 5849 §3.4 signature with key = secret + "&amp;" (no token secret), parameters sorted by name.</summary>
    public static string Signature(string httpMethod, string baseUri, IReadOnlyDictionary<string, string> parameters, string consumerSecret, string signatureMethod)
    {
        static string Enc(string s) => Uri.EscapeDataString(s);
        var normalized = string.Join("&", parameters
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => Enc(kv.Key) + "=" + Enc(kv.Value)));
        var baseString = $"{httpMethod.ToUpperInvariant()}&{Enc(baseUri)}&{Enc(normalized)}";
        var keyBytes = Encoding.UTF8.GetBytes(consumerSecret + "&");
        var data = Encoding.UTF8.GetBytes(baseString);
        var hash = signatureMethod == "HMAC-SHA1" ? HMACSHA1.HashData(keyBytes, data) : HMACSHA256.HashData(keyBytes, data);
        return Convert.ToBase64String(hash);
    }

    /// <summary>What the real store answers when nobody is logged in, by kind of operation.</summary>
    public static WooException NotAllowed(HttpRequest request, RouteEndpoint? endpoint)
    {
        var raw = endpoint?.RoutePattern.RawText ?? "";
        var single = raw.TrimEnd('/').EndsWith('}');
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            return single
                ? WooException.Of("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.", 401)
                : WooException.Of("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401);
        if (raw.EndsWith("/batch", StringComparison.Ordinal))
            return WooException.Of("woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.", 401);
        if (HttpMethods.IsDelete(request.Method))
            return WooException.Of("woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource.", 401);
        return single
            ? WooException.Of("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.", 401)
            : WooException.Of("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.", 401);
    }

}
