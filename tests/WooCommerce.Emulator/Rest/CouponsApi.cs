using System.Globalization;
using System.Text.Json.Nodes;
using WooCommerce.Emulator.Model;
using WooCommerce.Emulator.Webhooks;
using static WooCommerce.Emulator.Rest.TaxonomyApi;

namespace WooCommerce.Emulator.Rest;

/// <summary>Coupons (+ batch) as WooCommerce's CRUD controller for shop_coupon: trash by default, force deletes.</summary>
public static class CouponsApi
{
    private static readonly string[] DiscountTypes = ["percent", "fixed_cart", "fixed_product"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/coupons", (HttpContext c) => Locked(c, store =>
        {
            IEnumerable<Coupon> q = store.Coupons.Where(x => x.Status != "trash");
            if (c.Param("code") is string code) q = q.Where(x => x.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
            var render = c.Render();
            return c.Page(c.Ordered(q, by => by switch { "date" => x => (x.CreatedUtc, x.Id), "id" => x => x.Id, "title" => x => x.Code, _ => null }, "date").ToList(), render.CouponJson);
        }));
        api.MapGet("/coupons/{id:int}", (HttpContext c, int id) => Locked(c, store => Http.Json(c.Render().CouponJson(Find(store, id, 404)))));
        api.MapPost("/coupons", (HttpContext c) => Locked(c, store =>
        {
            var body = c.Params().Body;
            if (!body.ContainsKey("code")) throw WooException.Missing("code");
            var coupon = Create(c, store, body);
            return Args.Created(c, c.Render().CouponJson(coupon), $"/coupons/{coupon.Id}");
        }));
        api.MapMethods("/coupons/{id:int}", ["POST", "PUT", "PATCH"], (HttpContext c, int id) => Locked(c, store =>
            Http.Json(c.Render().CouponJson(Update(c, store, id, c.Params().Body)))));
        api.MapDelete("/coupons/{id:int}", (HttpContext c, int id) => Locked(c, store => Http.Json(Delete(c, store, id, c.ParamBool("force")))));
        api.MapBatch("/coupons/batch", (c, store) =>
        {
            var render = c.Render();
            return new Batch.Handlers(
                item => render.CouponJson(Create(c, store, item)),
                item => render.CouponJson(Update(c, store, item["id"].Int("id"), item)),
                id => Delete(c, store, id, force: true));
        });
    }

    private static Coupon Find(Store store, int id, int status) =>
        store.Coupons.FirstOrDefault(x => x.Id == id) ?? throw WooException.InvalidId("woocommerce_rest_shop_coupon_invalid_id", status);

    private static Coupon Create(HttpContext c, Store store, JsonObject body)
    {
        var now = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var coupon = new Coupon { CreatedUtc = now, ModifiedUtc = now };
        Apply(store, coupon, body);
        coupon.Id = store.TakePostId();
        store.Coupons.Add(coupon);
        c.Raise("coupon.created", coupon.Id);
        return coupon;
    }

    private static Coupon Update(HttpContext c, Store store, int id, JsonObject body)
    {
        var coupon = Find(store, id, 400);
        Apply(store, coupon, body);
        coupon.ModifiedUtc = c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        c.Raise("coupon.updated", coupon.Id);
        return coupon;
    }

    /// <summary>Without force a coupon goes to the trash (and says so); with force it is gone and the answer is its last state.</summary>
    private static JsonObject Delete(HttpContext c, Store store, int id, bool force)
    {
        var coupon = Find(store, id, 404);
        var render = c.Render();
        if (force)
        {
            var json = render.CouponJson(coupon);
            store.Coupons.Remove(coupon);
            return json;
        }
        if (coupon.Status == "trash")
            throw WooException.Of("woocommerce_rest_already_trashed", "The shop_coupon has already been deleted.", 410);
        coupon.Status = "trash";
        c.Raise("coupon.deleted", coupon.Id);
        return render.CouponJson(coupon);
    }

    /// <summary>
    /// The writable fields of the coupon schema. Everything is read and checked before the coupon changes, so a
    /// rejected request leaves it as it was.
    /// </summary>
    private static void Apply(Store store, Coupon coupon, JsonObject body)
    {
        var code = Args.String(body, "code")?.Trim().ToLowerInvariant();
        if (code is not null && store.Coupons.Any(x => x.Id != coupon.Id && x.Code == code && x.Status != "trash"))
            throw WooException.Of("woocommerce_rest_coupon_code_already_exists", "The coupon code already exists", 400);
        var amount = Args.String(body, "amount");
        var type = Args.Enum(body, "discount_type", DiscountTypes);
        var description = Args.String(body, "description");
        var expires = body.ContainsKey("date_expires") ? Date(body, "date_expires", store.Settings) : (DateTime?)null;
        var expiresGmt = body.ContainsKey("date_expires_gmt") ? Date(body, "date_expires_gmt", null) : (DateTime?)null;
        var individual = Args.Bool(body, "individual_use");
        var products = Ids(body, "product_ids");
        var excludedProducts = Ids(body, "excluded_product_ids");
        var usageLimit = NullableInt(body, "usage_limit");
        var perUser = NullableInt(body, "usage_limit_per_user");
        var xItems = NullableInt(body, "limit_usage_to_x_items");
        var freeShipping = Args.Bool(body, "free_shipping");
        var categories = Ids(body, "product_categories");
        var excludedCategories = Ids(body, "excluded_product_categories");
        var excludeSale = Args.Bool(body, "exclude_sale_items");
        var minimum = Args.String(body, "minimum_amount");
        var maximum = Args.String(body, "maximum_amount");
        var emails = Args.Strings(body, "email_restrictions");

        if (code is not null) coupon.Code = code;
        if (amount is not null) coupon.Amount = Decimal(amount);
        if (type is not null) coupon.DiscountType = type;
        if (description is not null) coupon.Description = description;
        if (body.ContainsKey("date_expires")) coupon.ExpiresUtc = expires;
        if (body.ContainsKey("date_expires_gmt")) coupon.ExpiresUtc = expiresGmt;
        if (individual is bool i) coupon.IndividualUse = i;
        if (products is not null) coupon.ProductIds = products;
        if (excludedProducts is not null) coupon.ExcludedProductIds = excludedProducts;
        if (body.ContainsKey("usage_limit")) coupon.UsageLimit = usageLimit;
        if (body.ContainsKey("usage_limit_per_user")) coupon.UsageLimitPerUser = perUser;
        if (body.ContainsKey("limit_usage_to_x_items")) coupon.LimitUsageToXItems = xItems;
        if (freeShipping is bool f) coupon.FreeShipping = f;
        if (categories is not null) coupon.ProductCategories = categories;
        if (excludedCategories is not null) coupon.ExcludedProductCategories = excludedCategories;
        if (excludeSale is bool e) coupon.ExcludeSaleItems = e;
        if (minimum is not null) coupon.MinimumAmount = Decimal(minimum);
        if (maximum is not null) coupon.MaximumAmount = Decimal(maximum);
        if (emails is not null) coupon.EmailRestrictions = [.. emails.Select(x => x.Trim().ToLowerInvariant()).Where(x => x.Length > 0)];
        if (body["meta_data"] is JsonArray meta) ProductWriter.MergeMeta(store, coupon.MetaData, meta);
    }

    private static decimal Decimal(string value) =>
        decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;

    private static int? NullableInt(JsonObject body, string name) =>
        body[name] is null ? null : body[name]!.Str() is "" ? null : body[name].Int(name);

    private static List<int>? Ids(JsonObject body, string name) => body[name] switch
    {
        null when !body.ContainsKey(name) => null,
        JsonArray a => [.. a.Select((n, i) => n.Int($"{name}[{i}]"))],
        _ => throw WooException.NotOfType(name, "array"),
    };

    /// <summary>A date field: null clears it; a value without an offset is site-local (or UTC for the _gmt field).</summary>
    private static DateTime? Date(JsonObject body, string name, SiteSettings? site)
    {
        if (body[name] is null) return null;
        var raw = Args.String(body, name)!;
        if (raw.Length == 0) return null;
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            throw WooException.InvalidParam(name, "rest_invalid_date", "Invalid date.");
        var hasOffset = System.Text.RegularExpressions.Regex.IsMatch(raw, @"([Zz]|[+-]\d{2}:?\d{2})$");
        return hasOffset || site is null ? parsed.UtcDateTime : site.ToUtc(parsed.DateTime);
    }
}
