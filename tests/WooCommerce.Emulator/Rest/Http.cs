using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using WooCommerce.Emulator.Model;

namespace WooCommerce.Emulator.Rest;

public static class Http
{
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string JsonContentType = "application/json; charset=UTF-8";

    public static Store Store(this HttpContext c) => c.RequestServices.GetRequiredService<Store>();

    public static string Origin(this HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}";

    public static Render Render(this HttpContext c) => new(c.Store(), c.Origin());

    /// <summary>Runs a handler under the store's lock; every read and write of the model goes through here.</summary>
    public static IResult Locked(this HttpContext c, Func<Store, IResult> action)
    {
        var store = c.Store();
        lock (store.Sync) return action(store);
    }

    public static IResult Json(JsonNode? node, int status = 200) =>
        Results.Text(node?.ToJsonString(JsonOptions) ?? "null", JsonContentType, System.Text.Encoding.UTF8, status);

    private const string ParamsKey = "WooCommerce.Emulator.WpParams";

    /// <summary>Parses the request's parameters once, before authentication reads them; see <see cref="WpParams"/>.</summary>
    public static async Task LoadParamsAsync(HttpContext c) => c.Items[ParamsKey] = await WpParams.ReadAsync(c.Request);

    /// <summary>The request's parameters as PHP and WordPress read them (query, form and JSON body, last repeated key wins).</summary>
    public static WpParams Params(this HttpContext c) => c.Items[ParamsKey] as WpParams ?? WpParams.Empty;

    /// <summary>The JSON (or form) body; rest_invalid_json if it did not parse.</summary>
    public static Task<JsonObject> BodyAsync(this HttpContext c) => Task.FromResult(c.Params().Body);

    /// <summary>A parameter from the JSON body, form body or query string, in WordPress's order; null when absent.</summary>
    public static string? Param(this HttpContext c, string name) => c.Params()[name] is JsonNode n ? n.Str() : null;

    /// <summary>A boolean parameter as rest_sanitize_boolean reads it; absent is false, anything else rest_invalid_param.</summary>
    public static bool ParamBool(this HttpContext c, string name) => c.Params()[name] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<int>(out var i) && i is 0 or 1 => i == 1,
        JsonValue v when v.TryGetValue<string>(out var s) && s.ToLowerInvariant() is "" or "0" or "false" or "1" or "true" => s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => throw WooException.InvalidParam(name, "rest_invalid_type", $"{name} is not of type boolean.", new JsonObject { ["param"] = name }),
    };

    public static int ParamInt(this HttpContext c, string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = c.Params()[name];
        if (node is null) return fallback;
        var value = node.Int(name);
        if (value < min || value > max)
        {
            var message = max == int.MaxValue
                ? $"{name} must be greater than or equal to {min}"
                : $"{name} must be between {min} (inclusive) and {max} (inclusive)";
            throw WooException.InvalidParam(name, "rest_out_of_bounds", message);
        }
        return value;
    }

    /// <summary>A list of ids as wp_parse_id_list reads it: "1,2", a list (<c>a[]=1&amp;a[]=2</c> or a JSON array), or one id.</summary>
    public static List<int> ParamIds(this HttpContext c, string name)
    {
        IEnumerable<string> raw = c.Params()[name] switch
        {
            null => [],
            JsonArray a => a.Select(n => n.Str()),
            JsonObject o => o.Select(kv => kv.Value.Str()),
            JsonNode n => n.Str().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries),
        };
        return raw.Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var i) ? Math.Abs(i) : 0).Where(i => i > 0).Distinct().ToList();
    }

    /// <summary>
    /// Parses after/before/modified_* like WordPress's rest_parse_date. A value without an offset is site-local
    /// unless dates_are_gmt=true.
    /// </summary>
    public static DateTime? ParamDateUtc(this HttpContext c, string name)
    {
        var raw = c.Param(name);
        if (raw is null) return null;
        if (!System.Text.RegularExpressions.Regex.IsMatch(raw, @"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$"))
            throw WooException.InvalidParam(name, "rest_invalid_date", "Invalid date.");
        var hasOffset = System.Text.RegularExpressions.Regex.IsMatch(raw, @"([Zz]|[+-]\d{2}(:?\d{2})?)$");
        if (hasOffset)
            return DateTimeOffset.Parse(raw, CultureInfo.InvariantCulture).UtcDateTime;
        var local = DateTime.Parse(raw.Replace(' ', 'T'), CultureInfo.InvariantCulture, DateTimeStyles.None);
        return c.ParamBool("dates_are_gmt") ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : c.Store().Settings.ToUtc(local);
    }

    /// <summary>Pages a list as WordPress does: X-WP-Total, X-WP-TotalPages and a Link header with prev/next.</summary>
    public static IResult Page<T>(this HttpContext c, IReadOnlyList<T> all, Func<T, JsonNode> render)
    {
        var perPage = c.ParamInt("per_page", 10, 1, 100);
        var page = c.ParamInt("page", 1, 1);
        var total = all.Count;
        var pages = (int)Math.Ceiling(total / (double)perPage);
        // WooCommerce's CRUD controllers answer a page past the end with an empty list (WordPress's own posts
        // controller would say rest_post_invalid_page_number); page iterators stop on it.
        var items = all.Skip((page - 1) * perPage).Take(perPage).Select(render);
        c.Response.Headers["X-WP-Total"] = total.ToString(CultureInfo.InvariantCulture);
        c.Response.Headers["X-WP-TotalPages"] = pages.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        string PageUrl(int p)
        {
            // WordPress rebuilds the link from $_GET (one value per key, in first-seen order) with add_query_arg,
            // which replaces page where it stands.
            var query = c.Params().Get.DeepClone().AsObject();
            query["page"] = p.ToString(CultureInfo.InvariantCulture);
            var q = new QueryBuilder(query.SelectMany(kv => kv.Value switch
            {
                JsonArray a => a.Select((v, i) => new KeyValuePair<string, string>($"{kv.Key}[{i}]", v.Str())),
                JsonObject o => o.Select(e => new KeyValuePair<string, string>($"{kv.Key}[{e.Key}]", e.Value.Str())),
                var v => [new KeyValuePair<string, string>(kv.Key, v.Str())],
            }));
            return $"<{c.Origin()}{c.Request.Path}{q}>";
        }
        if (page > 1) links.Add($"{PageUrl(Math.Min(page - 1, Math.Max(pages, 1)))}; rel=\"prev\"");
        if (page < pages) links.Add($"{PageUrl(page + 1)}; rel=\"next\"");
        if (links.Count > 0) c.Response.Headers["Link"] = string.Join(", ", links);
        return Json(new JsonArray([.. items]));
    }

    /// <summary>An unpaged collection: WooCommerce still sends the totals headers.</summary>
    public static IResult All<T>(this HttpContext c, IReadOnlyList<T> all, Func<T, JsonNode> render)
    {
        c.Response.Headers["X-WP-Total"] = all.Count.ToString(CultureInfo.InvariantCulture);
        c.Response.Headers["X-WP-TotalPages"] = "1";
        return Json(new JsonArray([.. all.Select(render)]));
    }

    public static IEnumerable<T> Ordered<T>(this HttpContext c, IEnumerable<T> items, Func<string, Func<T, IComparable?>?> key, string defaultBy, string defaultOrder = "desc")
    {
        var by = c.Param("orderby") ?? defaultBy;
        var order = c.Param("order") ?? defaultOrder;
        if (order is not ("asc" or "desc"))
            throw WooException.InvalidParam("order", "rest_not_in_enum", "order is not one of asc and desc.");
        var selector = key(by) ?? throw WooException.InvalidParam("orderby", "rest_not_in_enum", $"orderby is not one of the allowed values.");
        return order == "asc" ? items.OrderBy(selector) : items.OrderByDescending(selector);
    }

    public static int Int(this JsonNode? node, string field)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue<int>(out var i)) return i;
            if (v.TryGetValue<long>(out var l)) return (int)l;
            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (int)d;
            if (v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        }
        throw WooException.InvalidParam(field, "rest_invalid_type", $"{field} is not of type integer.", new JsonObject { ["param"] = field });
    }

    public static string Str(this JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    public static bool Bool(this JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s is "1" or "true" or "yes",
        JsonValue v when v.TryGetValue<int>(out var i) => i != 0,
        _ => false,
    };

    public static decimal? Money(this JsonNode? node)
    {
        var s = node.Str();
        return s.Length == 0 ? null : decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
