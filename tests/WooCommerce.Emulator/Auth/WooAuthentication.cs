using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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
    public ApiKey? Authenticate(HttpRequest request, WpParams parameters)
    {
        lock (store.Sync)
        {
            var key = request.IsHttps ? Basic(request, parameters) : OAuth(request, parameters);
            if (key is null) return null;
            var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
            if (reading && key.Permission == KeyPermission.Write)
                throw WooException.Of("woocommerce_rest_authentication_error", "The API key provided does not have read permissions.", 401);
            if (!reading && key.Permission == KeyPermission.Read)
                throw WooException.Of("woocommerce_rest_authentication_error", "The API key provided does not have write permissions.", 401);
            return key;
        }
    }

    private ApiKey? Basic(HttpRequest request, WpParams parameters)
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
        else if (parameters.Get["consumer_key"] is JsonNode qk && parameters.Get["consumer_secret"] is JsonNode qs)
        {
            (ck, cs) = (qk.Str(), qs.Str());
        }
        if (ck is null) return null;
        var key = store.Keys.FirstOrDefault(k => k.ConsumerKey == ck);
        if (key is null) return null; // WooCommerce then treats the request as anonymous.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ConsumerSecret), Encoding.UTF8.GetBytes(cs ?? "")))
            throw WooException.Of("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401);
        return key;
    }

    /// <summary>WC_REST_Authentication::get_oauth_parameters: array_merge($_GET, $_POST), then the OAuth header's.</summary>
    private ApiKey? OAuth(HttpRequest request, WpParams wp)
    {
        var parameters = wp.SignedParameters();
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            foreach (var part in header[6..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) parameters[Uri.UnescapeDataString(part[..eq].Trim())] = Uri.UnescapeDataString(part[(eq + 1)..].Trim().Trim('"'));
            }
            parameters.Remove("realm");
        }
        string Value(string name) => parameters.TryGetValue(name, out var v) && v is JsonValue ? v.Str() : "";
        if (!RequiredOAuth.Any(p => Value(p).Length > 0)) return null;
        var missing = RequiredOAuth.Where(p => Value(p).Length == 0).ToList();
        if (missing.Count > 0)
            throw WooException.Of("woocommerce_rest_authentication_missing_parameter", "Missing OAuth parameters " + string.Join(", ", missing), 401);

        var key = store.Keys.FirstOrDefault(k => k.ConsumerKey == Value("oauth_consumer_key"))
            ?? throw WooException.Of("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401);

        var method = Value("oauth_signature_method");
        if (method is not ("HMAC-SHA1" or "HMAC-SHA256"))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid.", 401);
        var provided = Value("oauth_signature").Replace(' ', '+');
        var signed = Flatten(parameters.Where(kv => kv.Key != "oauth_signature"));
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var expected = Signature(request.Method, baseUri, signed, key.ConsumerSecret, method);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided)))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.", 401);

        if (!long.TryParse(Value("oauth_timestamp"), out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > options.OAuthTimestampWindow.TotalSeconds)
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid timestamp.", 401);
        if (!key.UsedNonces.Add(Value("oauth_nonce")))
            throw WooException.Of("woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.", 401);
        return key;
    }

    /// <summary>
    /// join_with_equals_sign: top-level names sorted (strcmp), a list or map sent as <c>a[]=</c>/<c>a[k]=</c> signed
    /// element by element as <c>a%5Bk%5D</c> in its own order.
    /// </summary>
    private static List<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, JsonNode?>> parameters)
    {
        var result = new List<KeyValuePair<string, string>>();
        void Add(string name, JsonNode? value)
        {
            switch (value)
            {
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Add(name + "%5B" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%5D", a[i]);
                    break;
                case JsonObject o:
                    foreach (var (k, v) in o) Add(name + "%5B" + k + "%5D", v);
                    break;
                default:
                    result.Add(new(name, Uri.EscapeDataString(value.Str())));
                    break;
            }
        }
        foreach (var (k, v) in parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Add(Uri.EscapeDataString(k), v);
        return result;
    }

    /// <summary>RFC 5849 §3.4 signature with key = secret + "&amp;" (no token secret), parameters sorted by name.</summary>
    public static string Signature(string httpMethod, string baseUri, IEnumerable<KeyValuePair<string, string>> encodedParameters, string consumerSecret, string signatureMethod)
    {
        static string Enc(string s) => Uri.EscapeDataString(s);
        var normalized = string.Join("&", encodedParameters.Select(kv => kv.Key + "=" + kv.Value));
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
