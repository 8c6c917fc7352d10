using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Tests.Support;

namespace WooCommerce.Emulator.Tests.Fidelity;

/// <summary>
/// Turns a capture's <c>.meta.json</c> into the same request against the emulator. Redacted credentials become real
/// emulator credentials; the capture's name says which credential mistake it recorded (unknown_key, wrong_secret,
/// bad_signature, read_only), which is how the fixture set names them.
/// </summary>
public sealed class CaptureReplay(string name)
{
    private const string Redacted = "<redacted>";

    public string Name { get; } = name;
    public JsonObject Meta { get; } = (JsonObject)Fixtures.Load(name + ".meta.json")!;
    public JsonNode? Expected { get; } = Fixtures.Load(name + ".json");

    public string Method => Meta["request"]!["method"]!.GetValue<string>();
    public Uri Url => new(Meta["request"]!["url"]!.GetValue<string>().Replace("<redacted>", "REDACTED", StringComparison.Ordinal));
    public int Status => Meta["response"]!["status"]!.GetValue<int>();
    public JsonNode? RequestBody => Meta["request"]!["body"];
    public bool HadAuthorization => Meta["request"]!["headers"]?.AsObject().ContainsKey("Authorization") == true;

    public IReadOnlyList<string> ResponseHeaderNames => [.. Meta["response"]!["headers"]!.AsArray().Select(h => h![0]!.GetValue<string>())];

    private List<KeyValuePair<string, string>> QueryPairs() => [.. Meta["request"]!["url"]!.GetValue<string>().Split('?').ElementAtOrDefault(1)?
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.ElementAtOrDefault(1) ?? "").Replace('+', ' '))) ?? []];

    public HttpRequestMessage Build(EmulatorFixture fx)
    {
        var https = Url.Scheme == "https";
        var origin = https ? fx.Emulator.HttpsBaseUrl! : fx.Emulator.BaseUrl;
        var key = Name.Contains("read_only", StringComparison.Ordinal) ? fx.ReadKey : fx.Key;
        var pairs = QueryPairs();
        var oauth = pairs.Any(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal));
        string Real(string value) => value switch
        {
            "ck_" + Redacted => key.ConsumerKey,
            "cs_" + Redacted => key.ConsumerSecret,
            _ => value,
        };
        var plain = pairs.Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => new KeyValuePair<string, string>(p.Key, Real(p.Value))).ToList();
        var url = origin + Url.AbsolutePath + (plain.Count > 0 ? "?" + string.Join("&", plain.Select(p => OAuth1.Percent(p.Key) + "=" + OAuth1.Percent(p.Value))) : "");
        if (oauth)
        {
            if (pairs.Any(p => p.Key == "oauth_signature"))
            {
                var secret = Name.Contains("bad_signature", StringComparison.Ordinal) ? "cs_wrong" : key.ConsumerSecret;
                var method = pairs.First(p => p.Key == "oauth_signature_method").Value;
                url = url.Split('?')[0] + "?" + OAuth1.SignedQuery(Method, url, key.ConsumerKey, secret, method);
            }
            else
            {
                // An incomplete OAuth request is replayed as captured, with the real key.
                var partial = pairs.Select(p => new KeyValuePair<string, string>(p.Key, Real(p.Value)));
                url = url.Split('?')[0] + "?" + string.Join("&", partial.Select(p => OAuth1.Percent(p.Key) + "=" + OAuth1.Percent(p.Value)));
            }
        }
        var request = new HttpRequestMessage(new HttpMethod(Method), url);
        if (HadAuthorization)
        {
            var ck = Name.Contains("unknown_key", StringComparison.Ordinal) ? "ck_" + new string('0', 40) : key.ConsumerKey;
            var cs = Name.Contains("wrong_secret", StringComparison.Ordinal) ? "cs_" + new string('1', 40) : key.ConsumerSecret;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ck}:{cs}")));
        }
        if (RequestBody is JsonNode body)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>
    /// Applies to the emulator's answer what the capture harness did to the real one before saving it, as its
    /// <c>_harness_note</c> says: system_status_trimmed has database_tables reduced to table-name lists.
    /// </summary>
    public JsonNode? TrimAsCaptured(JsonNode? actual)
    {
        var note = (Expected as JsonObject)?["_harness_note"]?.GetValue<string>() ?? "";
        if (note.Contains("database_tables reduced to table-name lists", StringComparison.Ordinal) && (actual as JsonObject)?["database"]?["database_tables"] is JsonObject tables)
            foreach (var group in tables.Select(t => t.Key).ToList())
                if (tables[group] is JsonObject byName) tables[group] = new JsonArray([.. byName.Select(t => (JsonNode)t.Key)]);
        return actual;
    }

    /// <summary>
    /// The seed is the store as it was after all captures. A capture that created something succeeded because the
    /// thing did not exist yet, so the replay first removes what it created: products with the SKUs it created, and
    /// the refunds of an order it refunded.
    /// </summary>
    public void RestorePreconditions(Store store)
    {
        if (Status is < 200 or >= 300 || Method != "POST" || RequestBody is not JsonObject body) return;
        var path = Url.AbsolutePath;
        lock (store.Sync)
        {
            var creates = body["create"] as JsonArray ?? (path.EndsWith("/products", StringComparison.Ordinal) ? [body.DeepClone()] : []);
            var skus = creates.Select(c => c?["sku"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            store.Products.RemoveAll(p => skus.Contains(p.Sku));
            var match = System.Text.RegularExpressions.Regex.Match(path, @"/orders/(\d+)/refunds$");
            if (match.Success)
            {
                var orderId = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                store.Refunds.RemoveAll(r => r.OrderId == orderId);
            }
        }
    }
}
