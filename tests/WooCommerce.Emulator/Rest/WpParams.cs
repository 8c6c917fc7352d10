using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WooCommerce.Emulator.Rest;

/// <summary>
/// A request's parameters as PHP and WordPress read them, parsed once per REST request (see <see cref="Http.Params"/>):
/// <list type="bullet">
/// <item><see cref="Get"/> is PHP's <c>$_GET</c>: a repeated key keeps its LAST value, <c>a[]=1&amp;a[]=2</c> is a list,
/// <c>a[k]=v</c> a map, '.' and ' ' in a name become '_'.</item>
/// <item><see cref="Post"/> is a form-encoded body (PHP's <c>$_POST</c>; WordPress parses it for PUT/PATCH/DELETE too).</item>
/// <item><see cref="Json"/> is a JSON object body, read for every method including GET and DELETE.</item>
/// </list>
/// A named parameter is looked up in WP_REST_Request's order: JSON body, form body, query string.
/// </summary>
public sealed class WpParams
{
    private readonly bool _invalidJson;

    private WpParams(JsonObject get, JsonObject post, JsonObject? json, bool invalidJson)
    {
        Get = get;
        Post = post;
        Json = json;
        _invalidJson = invalidJson;
    }

    public static readonly WpParams Empty = new([], [], null, false);

    public JsonObject Get { get; }
    public JsonObject Post { get; }
    public JsonObject? Json { get; }

    /// <summary>The body as handlers read it: the JSON object, else the form fields.</summary>
    /// <exception cref="WooException">rest_invalid_json when the body was not valid JSON.</exception>
    public JsonObject Body => _invalidJson
        ? throw WooException.Of("rest_invalid_json", "Invalid JSON body passed.", 400)
        : Json ?? Post;

    /// <summary>The parameter by name (JSON body, then form body, then query), or null when none sends it.</summary>
    public JsonNode? this[string name] =>
        (Json is not null && Json[name] is JsonNode j ? j : null) ?? Post[name] ?? Get[name];

    /// <summary>What WooCommerce's OAuth 1.0a check signs: <c>array_merge($_GET, $_POST)</c>, a form field winning.</summary>
    public Dictionary<string, JsonNode?> SignedParameters()
    {
        var all = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (k, v) in Get) all[k] = v;
        foreach (var (k, v) in Post) all[k] = v;
        return all;
    }

    public static async Task<WpParams> ReadAsync(HttpRequest request)
    {
        var get = ParseStr(request.QueryString.HasValue ? request.QueryString.Value![1..] : "");
        JsonObject post = [];
        JsonObject? json = null;
        var invalidJson = false;
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync();
            foreach (var (k, v) in form) post[k] = v.LastOrDefault() ?? "";
        }
        else
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            var text = await reader.ReadToEndAsync();
            request.Body.Position = 0;
            if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                post = ParseStr(text);
            else if (!string.IsNullOrWhiteSpace(text))
            {
                // WordPress reads JSON only with a JSON content type; the emulator also reads a body sent without one.
                try
                {
                    json = JsonNode.Parse(text) as JsonObject ?? [];
                }
                catch (JsonException)
                {
                    invalidJson = true;
                }
            }
        }
        return new WpParams(get, post, json, invalidJson);
    }

    /// <summary>PHP's parse_str: '+' is a space, the last of repeated keys wins, brackets build lists and maps.</summary>
    public static JsonObject ParseStr(string query)
    {
        var result = new JsonObject();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = Decode(eq < 0 ? "" : part[(eq + 1)..]);
            var open = name.IndexOf('[', StringComparison.Ordinal);
            var close = open < 0 ? -1 : name.IndexOf(']', open);
            var baseName = (open > 0 && close > open ? name[..open] : name).Replace('.', '_').Replace(' ', '_');
            if (baseName.Length == 0) continue;
            if (open > 0 && close > open)
            {
                var index = name[(open + 1)..close];
                if (index.Length == 0)
                {
                    if (result[baseName] is not JsonArray list) result[baseName] = list = [];
                    list.Add(value);
                }
                else
                {
                    if (result[baseName] is not JsonObject map) result[baseName] = map = [];
                    map[index] = value;
                }
            }
            else
            {
                result[baseName] = value;
            }
        }
        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
